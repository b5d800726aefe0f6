package dev.podgrep.transcribe.testing;

import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVDictionaryEntry;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_get;

/** The container tags of an audio file (ID3 title, artist, album...), read back with the bundled FFmpeg. */
public final class AudioFileTags {

    private AudioFileTags() {
    }

    /** Tag name (lower case, as FFmpeg names them: title, artist, album) → value. */
    public static Map<String, String> read(Path file) {
        AVFormatContext format = new AVFormatContext(null);
        if (avformat_open_input(format, file.toString(), null, (AVDictionary) null) != 0) {
            throw new AssertionError("FFmpeg cannot open " + file);
        }
        try {
            Map<String, String> tags = new HashMap<>();
            AVDictionaryEntry entry = null;
            while ((entry = av_dict_get(format.metadata(), "", entry, 2 /* AV_DICT_IGNORE_SUFFIX */)) != null) {
                tags.put(entry.key().getString(), entry.value().getString(StandardCharsets.UTF_8));
            }
            return tags;
        } finally {
            avformat_close_input(format);
        }
    }
}
