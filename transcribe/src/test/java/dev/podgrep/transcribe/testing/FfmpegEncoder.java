package dev.podgrep.transcribe.testing;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_CAP_VARIABLE_FRAME_SIZE;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_CONFIG_SAMPLE_FORMAT;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.FF_COMPLIANCE_EXPERIMENTAL;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_supported_config;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_GLOBALHEADER;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLT;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLTP;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16P;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_copy;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_get_sample_fmt_name;
import static org.bytedeco.ffmpeg.global.avutil.av_log_get_level;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Encodes {@link ToneWordAudio} with the FFmpeg libraries shipped through Maven (org.bytedeco:ffmpeg), in-process
 * and streaming: one encoder frame of samples at a time.
 *
 * <p>In-process rather than the bundled {@code ffmpeg} executable: that executable links libavdevice, which needs
 * the system's libpulse (PulseAudio), absent on servers and CI machines; the codec and format libraries don't.
 */
final class FfmpegEncoder {

    /** LAME's -q 9: its fastest algorithm (FFmpeg's default, 5, takes 1.5x as long; tones don't mind). */
    private static final int FASTEST_LAME_QUALITY = 9;

    private FfmpegEncoder() {
    }

    static Path encode(ToneWordAudio audio, Path file, AudioEncoding encoding) {
        if (av_log_get_level() > AV_LOG_ERROR) {
            av_log_set_level(AV_LOG_ERROR); // the encoders' statistics are of no interest in tests
        }
        AVFormatContext output = new AVFormatContext(null);
        check(avformat_alloc_output_context2(output, null, encoding.muxer(), file.toString()),
                "allocate the " + encoding.muxer() + " output", file);
        AVCodecContext encoder = null;
        AVFrame frame = null;
        AVPacket packet = null;
        boolean opened = false;
        try {
            AVCodec codec = avcodec_find_encoder_by_name(encoding.encoder());
            if (codec == null) {
                throw new IllegalStateException("the bundled FFmpeg has no encoder " + encoding.encoder());
            }
            AVStream stream = avformat_new_stream(output, null);
            encoder = avcodec_alloc_context3(codec);
            encoder.sample_fmt(sampleFormat(encoder, codec));
            encoder.sample_rate(encoding.sampleRate());
            av_channel_layout_default(encoder.ch_layout(), encoding.channels());
            encoder.bit_rate(encoding.bitrateKbps() * 1000L);
            encoder.time_base(av_make_q(1, encoding.sampleRate()));
            if (encoding.encoder().equals("vorbis")) {
                encoder.strict_std_compliance(FF_COMPLIANCE_EXPERIMENTAL); // FFmpeg's own Vorbis encoder
            }
            if (encoding.encoder().equals("libmp3lame")) {
                encoder.compression_level(FASTEST_LAME_QUALITY);
            }
            if ((output.oformat().flags() & AVFMT_GLOBALHEADER) != 0) {
                encoder.flags(encoder.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
            }
            check(avcodec_open2(encoder, codec, (AVDictionary) null), "open encoder " + encoding.encoder(), file);
            check(avcodec_parameters_from_context(stream.codecpar(), encoder), "configure the stream", file);
            stream.time_base(av_make_q(1, encoding.sampleRate()));

            AVIOContext io = new AVIOContext(null);
            check(avio_open(io, file.toString(), AVIO_FLAG_WRITE), "open for writing", file);
            output.pb(io);
            opened = true;
            AVDictionary options = new AVDictionary(null);
            if (encoding.faststart()) {
                av_dict_set(options, "movflags", "faststart", 0);
            }
            try {
                check(avformat_write_header(output, options), "write the header", file);
            } finally {
                av_dict_free(options);
            }

            int frameSize = (codec.capabilities() & AV_CODEC_CAP_VARIABLE_FRAME_SIZE) != 0 || encoder.frame_size() <= 0
                    ? 1024 : encoder.frame_size();
            frame = av_frame_alloc();
            frame.format(encoder.sample_fmt());
            frame.sample_rate(encoding.sampleRate());
            check(av_channel_layout_copy(frame.ch_layout(), encoder.ch_layout()), "set the channel layout", file);
            frame.nb_samples(frameSize);
            check(av_frame_get_buffer(frame, 0), "allocate a frame", file);
            packet = av_packet_alloc();

            ToneWordAudio.Renderer renderer = audio.renderer(encoding.sampleRate());
            short[] samples = new short[frameSize];
            long pts = 0;
            int n;
            while ((n = renderer.read(samples, 0, frameSize)) > 0) {
                check(av_frame_make_writable(frame), "make a frame writable", file);
                frame.nb_samples(n);
                fill(frame, samples, n, encoding.channels());
                frame.pts(pts);
                pts += n;
                check(avcodec_send_frame(encoder, frame), "encode", file);
                writePackets(output, encoder, stream, packet, file);
            }
            check(avcodec_send_frame(encoder, null), "flush the encoder", file);
            writePackets(output, encoder, stream, packet, file);
            check(av_write_trailer(output), "write the trailer", file);
            return file;
        } finally {
            if (packet != null) {
                av_packet_free(packet);
            }
            if (frame != null) {
                av_frame_free(frame);
            }
            if (encoder != null) {
                avcodec_free_context(encoder);
            }
            if (opened) {
                avio_closep(output.pb());
            }
            avformat_free_context(output);
        }
    }

    /** The first of S16, S16P, FLT, FLTP that the encoder takes. */
    private static int sampleFormat(AVCodecContext context, AVCodec codec) {
        PointerPointer<Pointer> configs = new PointerPointer<>(1);
        IntPointer count = new IntPointer(1);
        check(avcodec_get_supported_config(context, codec, AV_CODEC_CONFIG_SAMPLE_FORMAT, 0, configs, count),
                "list the sample formats of " + codec.name().getString(), null);
        List<Integer> supported = new ArrayList<>();
        IntPointer formats = new IntPointer(configs.get(0));
        for (int i = 0; i < count.get(); i++) {
            supported.add(formats.get(i));
        }
        for (int format : new int[] {AV_SAMPLE_FMT_S16, AV_SAMPLE_FMT_S16P, AV_SAMPLE_FMT_FLT, AV_SAMPLE_FMT_FLTP}) {
            if (count.get() == 0 || supported.contains(format)) {
                return format;
            }
        }
        throw new IllegalStateException("encoder " + codec.name().getString() + " takes none of s16, s16p, flt, fltp: "
                + supported.stream().map(f -> av_get_sample_fmt_name(f).getString()).toList());
    }

    /** Copies mono samples into every channel of the frame, in the frame's sample format. */
    private static void fill(AVFrame frame, short[] samples, int n, int channels) {
        int format = frame.format();
        boolean planar = format == AV_SAMPLE_FMT_S16P || format == AV_SAMPLE_FMT_FLTP;
        boolean floats = format == AV_SAMPLE_FMT_FLT || format == AV_SAMPLE_FMT_FLTP;
        int bytesPerSample = floats ? 4 : 2;
        int planes = planar ? channels : 1;
        int perPlane = planar ? 1 : channels;
        for (int plane = 0; plane < planes; plane++) {
            ByteBuffer buffer = frame.data(plane).capacity((long) n * perPlane * bytesPerSample).asByteBuffer()
                    .order(ByteOrder.nativeOrder());
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < perPlane; c++) {
                    if (floats) {
                        buffer.putFloat(samples[i] / 32768f);
                    } else {
                        buffer.putShort(samples[i]);
                    }
                }
            }
        }
    }

    private static void writePackets(AVFormatContext output, AVCodecContext encoder, AVStream stream,
                                     AVPacket packet, Path file) {
        while (true) {
            int result = avcodec_receive_packet(encoder, packet);
            if (result == AVERROR_EAGAIN() || result == AVERROR_EOF) {
                return;
            }
            check(result, "encode", file);
            av_packet_rescale_ts(packet, encoder.time_base(), stream.time_base());
            packet.stream_index(stream.index());
            check(av_interleaved_write_frame(output, packet), "write a packet", file);
        }
    }

    private static void check(int result, String action, Path file) {
        if (result < 0) {
            byte[] message = new byte[256];
            av_strerror(result, message, message.length);
            int length = 0;
            while (length < message.length && message[length] != 0) {
                length++;
            }
            String text = new String(message, 0, length, java.nio.charset.StandardCharsets.UTF_8);
            throw new IllegalStateException("FFmpeg could not " + action + (file == null ? "" : " (" + file + ")")
                    + ": " + text + " (" + result + ")");
        }
    }
}
