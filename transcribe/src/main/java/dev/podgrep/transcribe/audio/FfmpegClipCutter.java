package dev.podgrep.transcribe.audio;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_CAP_VARIABLE_FRAME_SIZE;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_CONFIG_SAMPLE_FORMAT;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_CONFIG_SAMPLE_RATE;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_supported_config;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_BACKWARD;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_seek_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AV_CHANNEL_ORDER_UNSPEC;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLTP;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16P;
import static org.bytedeco.ffmpeg.global.avutil.AV_TIME_BASE;
import static org.bytedeco.ffmpeg.global.avutil.av_audio_fifo_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_audio_fifo_free;
import static org.bytedeco.ffmpeg.global.avutil.av_audio_fifo_read;
import static org.bytedeco.ffmpeg.global.avutil.av_audio_fifo_size;
import static org.bytedeco.ffmpeg.global.avutil.av_audio_fifo_write;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_copy;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_uninit;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_q2d;
import static org.bytedeco.ffmpeg.global.avutil.av_samples_alloc_array_and_samples;
import static org.bytedeco.ffmpeg.global.avutil.av_freep;
import static org.bytedeco.ffmpeg.global.swresample.swr_alloc_set_opts2;
import static org.bytedeco.ffmpeg.global.swresample.swr_convert;
import static org.bytedeco.ffmpeg.global.swresample.swr_free;
import static org.bytedeco.ffmpeg.global.swresample.swr_get_out_samples;
import static org.bytedeco.ffmpeg.global.swresample.swr_init;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVAudioFifo;
import org.bytedeco.ffmpeg.avutil.AVChannelLayout;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swresample.SwrContext;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Cuts a window of a source audio file into an MP3 with FFmpeg in this process: seeks to a second before the window
 * (the demuxer's seek is approximate), decodes, keeps exactly the samples whose time (from the decoded frames'
 * timestamps) lies in the window, and encodes them with LAME ({@code libmp3lame}) at the source's sample rate
 * (mono or stereo), so no resampling shifts the boundaries. The MP3 muxer writes an ID3v2.4 tag (title, artist,
 * album) and a Xing/LAME header holding LAME's encoder delay and padding, which players (and FFmpeg) use to drop
 * them: the clip decodes to exactly the window.
 */
final class FfmpegClipCutter {

    /** Seek this far before the window: MP3 frames depend on the previous one (bit reservoir), seeks are coarse. */
    private static final double PREROLL_SECONDS = 1.0;
    private static final long STEREO_BITRATE = 128_000;
    private static final long MONO_BITRATE = 64_000;

    private FfmpegClipCutter() {
    }

    static void cut(Path source, double start, double end, ClipTags tags, Path target) throws IOException {
        FfmpegPcmStream.checkReadableAudioFile(source);
        FfmpegPcmStream.loadLibraries();
        Path partial = target.resolveSibling("." + target.getFileName() + ".part");
        try (Job job = new Job(source, start, end)) {
            job.openInput();
            job.openOutput(partial, tags);
            job.run();
            job.finishOutput();
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The native state of one cut, freed by {@link #close()}. */
    private static final class Job implements AutoCloseable {
        private final Path source;
        private final double start;
        private final double end;
        private AVFormatContext input;
        private AVCodecContext decoder;
        private int streamIndex;
        private SwrContext converter;
        private AVFormatContext output;
        private boolean outputOpened;
        private AVCodecContext encoder;
        private AVStream outputStream;
        private AVAudioFifo fifo;
        private AVFrame decoded;
        private AVFrame toEncode;
        private AVPacket packet;
        private PointerPointer<Pointer> converted;
        private int convertedCapacity;
        private int rate;
        private int channels;
        private long startSample;
        private long endSample;
        private long written;
        private long encodedPts;
        private boolean reachedEnd;
        /** The stream's start time in its time base: the pts of the audio's time 0. */
        private long origin;

        Job(Path source, double start, double end) {
            this.source = source;
            this.start = start;
            this.end = end;
        }

        void openInput() throws IOException {
            input = new AVFormatContext(null);
            AVDictionary options = new AVDictionary(null);
            int result;
            try {
                av_dict_set(options, "format_whitelist", FfmpegPcmStream.CONTAINERS, 0);
                av_dict_set(options, "protocol_whitelist", "file", 0);
                av_dict_set(options, "codec_whitelist", FfmpegPcmStream.DECODERS, 0);
                result = avformat_open_input(input, "file:" + source.toAbsolutePath(), null, options);
            } finally {
                av_dict_free(options);
            }
            if (result < 0) {
                input = null;
                throw new ClipException("cannot read " + source + " as audio of a podcast container: "
                        + FfmpegPcmStream.describe(result));
            }
            check(avformat_find_stream_info(input, (AVDictionary) null), "find the streams of " + source);
            streamIndex = av_find_best_stream(input, AVMEDIA_TYPE_AUDIO, -1, -1, (AVCodec) null, 0);
            if (streamIndex < 0) {
                throw new ClipException(source + " holds no audio stream");
            }
            AVStream stream = input.streams(streamIndex);
            AVCodec codec = avcodec_find_decoder(stream.codecpar().codec_id());
            if (codec == null) {
                throw new ClipException("no decoder for the audio of " + source);
            }
            decoder = avcodec_alloc_context3(codec);
            check(avcodec_parameters_to_context(decoder, stream.codecpar()), "configure the decoder");
            decoder.pkt_timebase(stream.time_base());
            decoder.thread_count(1);
            AVDictionary decoderOptions = new AVDictionary(null);
            try {
                av_dict_set(decoderOptions, "codec_whitelist", FfmpegPcmStream.DECODERS, 0);
                check(avcodec_open2(decoder, codec, decoderOptions), "open the " + codec.name().getString()
                        + " decoder");
            } finally {
                av_dict_free(decoderOptions);
            }
            long duration = input.duration();
            if (duration != AV_NOPTS_VALUE && duration > 0 && start >= duration / (double) AV_TIME_BASE) {
                throw new ClipException(String.format(Locale.ROOT, "the clip starts at %.3f s, after the end of"
                        + " the audio (%.3f s)", start, duration / (double) AV_TIME_BASE));
            }
        }

        void openOutput(Path file, ClipTags tags) throws IOException {
            AVCodec lame = avcodec_find_encoder_by_name("libmp3lame");
            if (lame == null) {
                throw new ClipException("the bundled FFmpeg has no MP3 encoder (libmp3lame)");
            }
            channels = Math.min(2, Math.max(1, decoder.ch_layout().nb_channels()));
            encoder = avcodec_alloc_context3(lame);
            rate = supportedRate(encoder, lame, decoder.sample_rate());
            encoder.sample_rate(rate);
            encoder.sample_fmt(supportedFormat(encoder, lame));
            av_channel_layout_default(encoder.ch_layout(), channels);
            encoder.bit_rate(channels == 1 ? MONO_BITRATE : STEREO_BITRATE);
            encoder.time_base(av_make_q(1, rate));
            check(avcodec_open2(encoder, lame, (AVDictionary) null), "open the MP3 encoder");

            output = new AVFormatContext(null);
            check(avformat_alloc_output_context2(output, null, "mp3", file.toString()), "set up the MP3 output");
            outputStream = avformat_new_stream(output, null);
            check(avcodec_parameters_from_context(outputStream.codecpar(), encoder), "configure the MP3 stream");
            outputStream.time_base(av_make_q(1, rate));
            AVDictionary metadata = new AVDictionary(null);
            setTag(metadata, "title", tags.title());
            setTag(metadata, "artist", tags.artist());
            setTag(metadata, "album", tags.album());
            output.metadata(metadata);
            AVIOContext io = new AVIOContext(null);
            check(avio_open(io, file.toString(), AVIO_FLAG_WRITE), "create " + file);
            output.pb(io);
            outputOpened = true;
            check(avformat_write_header(output, (AVDictionary) null), "write the MP3 header");

            fifo = av_audio_fifo_alloc(encoder.sample_fmt(), channels, Math.max(encoder.frame_size(), 1152) * 4);
            decoded = av_frame_alloc();
            toEncode = av_frame_alloc();
            packet = av_packet_alloc();
            startSample = Math.round(start * rate);
            endSample = Math.round(end * rate);
        }

        /** Seeks, then decodes until the window is in the FIFO and encoded. */
        void run() throws IOException {
            // the audio's time 0 is the stream's start time: after an MP3's encoder delay, for one (as FFmpeg's
            // own -ss counts)
            long streamStart = input.streams(streamIndex).start_time();
            origin = streamStart == AV_NOPTS_VALUE ? 0 : streamStart;
            long formatStart = input.start_time() == AV_NOPTS_VALUE ? 0 : input.start_time();
            long seekTo = (long) (Math.max(0, start - PREROLL_SECONDS) * AV_TIME_BASE) + formatStart;
            if (seekTo > 0 && av_seek_frame(input, -1, seekTo, AVSEEK_FLAG_BACKWARD) < 0) {
                av_seek_frame(input, -1, 0, AVSEEK_FLAG_BACKWARD); // decode from the start instead
            }
            long nextSample = -1;
            boolean flushing = false;
            while (!reachedEnd) {
                int result = avcodec_receive_frame(decoder, decoded);
                if (result >= 0) {
                    long pts = decoded.best_effort_timestamp();
                    long first = pts == AV_NOPTS_VALUE ? Math.max(0, nextSample)
                            : Math.round((pts - origin) * av_q2d(input.streams(streamIndex).time_base()) * rate);
                    if (decoded.sample_rate() != rate) {
                        first = nextSample < 0 ? first : nextSample; // resampled audio: count what comes out
                    }
                    nextSample = keep(decoded, first);
                    av_frame_unref(decoded);
                    encodeFull(false);
                } else if (result == AVERROR_EOF) {
                    break;
                } else if (result == AVERROR_EAGAIN()) {
                    if (flushing) {
                        break;
                    }
                    int read = av_read_frame(input, packet);
                    if (read < 0) {
                        avcodec_send_packet(decoder, null);
                        flushing = true;
                        continue;
                    }
                    if (packet.stream_index() == streamIndex) {
                        int sent = avcodec_send_packet(decoder, packet);
                        if (sent == AVERROR_EAGAIN()) {
                            throw new ClipException("the decoder of " + source + " refused a packet");
                        }
                    }
                    av_packet_unref(packet);
                }
                // a decoding error skips the damaged packet
            }
            if (written == 0) {
                throw new ClipException(String.format(Locale.ROOT, "no audio in the window %.3f-%.3f s of %s",
                        start, end, source));
            }
            encodeFull(true);
            check(avcodec_send_frame(encoder, null), "finish the MP3");
            drainEncoder();
        }

        /** Converts a decoded frame and puts its samples inside the window into the FIFO; the next sample index. */
        private long keep(AVFrame frame, long firstSample) throws IOException {
            if (converter == null) {
                AVChannelLayout in = new AVChannelLayout();
                try {
                    if (frame.ch_layout().order() == AV_CHANNEL_ORDER_UNSPEC) {
                        av_channel_layout_default(in, frame.ch_layout().nb_channels());
                    } else {
                        check(av_channel_layout_copy(in, frame.ch_layout()), "read the channel layout");
                    }
                    converter = new SwrContext(null);
                    check(swr_alloc_set_opts2(converter, encoder.ch_layout(), encoder.sample_fmt(), rate, in,
                            frame.format(), frame.sample_rate(), 0, null), "set up the conversion");
                    check(swr_init(converter), "start the conversion");
                } finally {
                    av_channel_layout_uninit(in);
                    in.close();
                }
            }
            int capacity = swr_get_out_samples(converter, frame.nb_samples());
            if (capacity > convertedCapacity) {
                if (converted != null) {
                    av_freep(converted);
                    converted.close();
                }
                converted = new PointerPointer<>(channels);
                check(av_samples_alloc_array_and_samples(converted, (IntPointer) null, channels, capacity,
                        encoder.sample_fmt(), 0), "allocate samples");
                convertedCapacity = capacity;
            }
            int samples = swr_convert(converter, converted, convertedCapacity, frame.extended_data(),
                    frame.nb_samples());
            check(samples, "convert samples");
            long from = Math.max(startSample, firstSample);
            long to = Math.min(endSample, firstSample + samples);
            if (firstSample + samples >= endSample) {
                reachedEnd = true;
            }
            if (to > from) {
                int offset = (int) (from - firstSample);
                int count = (int) (to - from);
                PointerPointer<Pointer> planes = new PointerPointer<>(channels);
                int bytesPerSample = encoder.sample_fmt() == AV_SAMPLE_FMT_S16P ? 2 : 4;
                for (int c = 0; c < channels; c++) {
                    planes.put(c, converted.get(c).getPointer((long) offset * bytesPerSample));
                }
                check(av_audio_fifo_write(fifo, planes, count), "buffer samples");
                planes.close();
                written += count;
            }
            return firstSample + samples;
        }

        /** Encodes whole encoder frames from the FIFO (and the partial last one when {@code last}). */
        private void encodeFull(boolean last) throws IOException {
            int frameSize = (encoder.codec().capabilities() & AV_CODEC_CAP_VARIABLE_FRAME_SIZE) != 0
                    || encoder.frame_size() <= 0 ? 1152 : encoder.frame_size();
            while (av_audio_fifo_size(fifo) >= frameSize || last && av_audio_fifo_size(fifo) > 0) {
                int n = Math.min(frameSize, av_audio_fifo_size(fifo));
                av_frame_unref(toEncode);
                toEncode.nb_samples(n);
                toEncode.format(encoder.sample_fmt());
                toEncode.sample_rate(rate);
                check(av_channel_layout_copy(toEncode.ch_layout(), encoder.ch_layout()), "set the layout");
                check(av_frame_get_buffer(toEncode, 0), "allocate a frame");
                if (av_audio_fifo_read(fifo, toEncode.extended_data(), n) < n) {
                    throw new ClipException("buffered samples went missing");
                }
                toEncode.pts(encodedPts);
                encodedPts += n;
                check(avcodec_send_frame(encoder, toEncode), "encode");
                drainEncoder();
            }
        }

        private void drainEncoder() throws IOException {
            while (true) {
                int result = avcodec_receive_packet(encoder, packet);
                if (result == AVERROR_EAGAIN() || result == AVERROR_EOF) {
                    return;
                }
                check(result, "encode");
                av_packet_rescale_ts(packet, encoder.time_base(), outputStream.time_base());
                packet.stream_index(outputStream.index());
                check(av_interleaved_write_frame(output, packet), "write the MP3");
            }
        }

        void finishOutput() throws IOException {
            check(av_write_trailer(output), "finish the MP3 (Xing/LAME header)");
        }

        @Override
        public void close() {
            if (packet != null) {
                av_packet_free(packet);
            }
            if (decoded != null) {
                av_frame_free(decoded);
            }
            if (toEncode != null) {
                av_frame_free(toEncode);
            }
            if (fifo != null) {
                av_audio_fifo_free(fifo);
            }
            if (converted != null) {
                av_freep(converted);
                converted.close();
            }
            if (converter != null) {
                swr_free(converter);
            }
            if (encoder != null) {
                avcodec_free_context(encoder);
            }
            if (output != null) {
                if (outputOpened) {
                    avio_closep(output.pb());
                }
                avformat_free_context(output);
            }
            if (decoder != null) {
                avcodec_free_context(decoder);
            }
            if (input != null) {
                avformat_close_input(input);
            }
        }

        private static void setTag(AVDictionary metadata, String key, String value) {
            if (value != null && !value.isEmpty()) {
                av_dict_set(metadata, key, value, 0);
            }
        }

        private static int supportedRate(AVCodecContext context, AVCodec codec, int wanted) throws IOException {
            List<Integer> rates = supported(context, codec, AV_CODEC_CONFIG_SAMPLE_RATE);
            return rates.isEmpty() || rates.contains(wanted) ? wanted : 44_100;
        }

        private static int supportedFormat(AVCodecContext context, AVCodec codec) throws IOException {
            List<Integer> formats = supported(context, codec, AV_CODEC_CONFIG_SAMPLE_FORMAT);
            return formats.contains(AV_SAMPLE_FMT_S16P) || formats.isEmpty() ? AV_SAMPLE_FMT_S16P : AV_SAMPLE_FMT_FLTP;
        }

        private static List<Integer> supported(AVCodecContext context, AVCodec codec, int what) throws IOException {
            PointerPointer<Pointer> configs = new PointerPointer<>(1);
            IntPointer count = new IntPointer(1);
            check(avcodec_get_supported_config(context, codec, what, 0, configs, count), "query the encoder");
            List<Integer> values = new ArrayList<>();
            IntPointer list = new IntPointer(configs.get(0));
            for (int i = 0; i < count.get(); i++) {
                values.add(list.get(i));
            }
            return values;
        }

        private static void check(int result, String action) throws ClipException {
            if (result < 0) {
                throw new ClipException("FFmpeg could not " + action + ": " + FfmpegPcmStream.describe(result));
            }
        }
    }
}
