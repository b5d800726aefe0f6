package dev.podgrep.ingest.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class ContentSnifferTest {

    @Test
    void recognisesAudioContainersByTheirFirstBytes() {
        assertThat(ContentSniffer.sniff(FakeAudio.mp3(64)).audio()).isEqualTo(AudioFormat.MP3);
        assertThat(ContentSniffer.sniff(bytes(0xFF, 0xFB, 0x90, 0x64)).audio()).as("bare MPEG frame")
                .isEqualTo(AudioFormat.MP3);
        assertThat(ContentSniffer.sniff(bytes(0xFF, 0xF1, 0x50, 0x80)).audio()).as("ADTS").isEqualTo(AudioFormat.AAC);
        assertThat(ContentSniffer.sniff(FakeAudio.m4a(64)).audio()).isEqualTo(AudioFormat.M4A);
        assertThat(ContentSniffer.sniff(ascii("\0\0\0\u0018ftypisom")).audio()).isEqualTo(AudioFormat.MP4);
        byte[] opus = new byte[64];
        System.arraycopy(ascii("OggS"), 0, opus, 0, 4);
        System.arraycopy(ascii("OpusHead"), 0, opus, 28, 8);
        assertThat(ContentSniffer.sniff(opus).audio()).isEqualTo(AudioFormat.OPUS);
        assertThat(ContentSniffer.sniff(ascii("OggS\0\u0002")).audio()).isEqualTo(AudioFormat.OGG);
        assertThat(ContentSniffer.sniff(ascii("RIFF$\0\0\0WAVEfmt ")).audio()).isEqualTo(AudioFormat.WAV);
        assertThat(ContentSniffer.sniff(ascii("fLaC\0\0\0\"")).audio()).isEqualTo(AudioFormat.FLAC);
    }

    @Test
    void recognisesWhatServersSendInsteadOfAudio() {
        assertThat(ContentSniffer.sniff(ascii("\n  <!DOCTYPE html><html>")).notAudio()).isEqualTo("an HTML page");
        assertThat(ContentSniffer.sniff(ascii("<HTML><HEAD>")).notAudio()).isEqualTo("an HTML page");
        assertThat(ContentSniffer.sniff("\uFEFF<?xml version=\"1.0\"?><Error><Code>AccessDenied"
                .getBytes(StandardCharsets.UTF_8)).notAudio())
                .isEqualTo("an XML document");
        assertThat(ContentSniffer.sniff(ascii("{\"error\":\"not found\"}")).notAudio()).isEqualTo("JSON");
        assertThat(ContentSniffer.sniff("Доступ запрещён".getBytes(StandardCharsets.UTF_8)).notAudio())
                .isEqualTo("text");
        assertThat(ContentSniffer.sniff(new byte[0]).notAudio()).isEqualTo("an empty body");
        assertThat(ContentSniffer.sniff(bytes(0x00, 0x01, 0x02, 0xC0)).isAudio()).isFalse();
        assertThat(ContentSniffer.sniff(bytes(0x00, 0x01, 0x02, 0xC0)).isNotAudio()).as("unknown binary").isFalse();
    }

    @Test
    void judgesContentTypes() {
        assertThat(ContentSniffer.mayBeAudio("audio/mpeg")).isTrue();
        assertThat(ContentSniffer.mayBeAudio("Audio/MP4; charset=binary")).isTrue();
        assertThat(ContentSniffer.mayBeAudio("video/mp4")).isTrue();
        assertThat(ContentSniffer.mayBeAudio("application/octet-stream")).isTrue();
        assertThat(ContentSniffer.mayBeAudio("binary/octet-stream")).isTrue();
        assertThat(ContentSniffer.mayBeAudio(null)).isTrue();
        assertThat(ContentSniffer.mayBeAudio("text/html; charset=utf-8")).isFalse();
        assertThat(ContentSniffer.mayBeAudio("application/json")).isFalse();
        assertThat(ContentSniffer.describeContentType("text/html; charset=utf-8")).isEqualTo("text/html");
        assertThat(ContentSniffer.describeContentType(null)).isEqualTo("no Content-Type");
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
