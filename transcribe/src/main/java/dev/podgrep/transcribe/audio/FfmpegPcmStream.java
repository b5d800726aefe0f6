package dev.podgrep.transcribe.audio;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_CORRUPT;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_DURATION_FROM_BITRATE;
import static org.bytedeco.ffmpeg.global.avformat.AVPROBE_PADDING_SIZE;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_probe_input_format;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AV_CHANNEL_ORDER_UNSPEC;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16;
import static org.bytedeco.ffmpeg.global.avutil.AV_TIME_BASE;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_copy;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_uninit;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;
import static org.bytedeco.ffmpeg.global.swresample.swr_alloc_set_opts2;
import static org.bytedeco.ffmpeg.global.swresample.swr_convert;
import static org.bytedeco.ffmpeg.global.swresample.swr_free;
import static org.bytedeco.ffmpeg.global.swresample.swr_get_out_samples;
import static org.bytedeco.ffmpeg.global.swresample.swr_init;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Pattern;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVInputFormat;
import org.bytedeco.ffmpeg.avformat.AVProbeData;
import org.bytedeco.ffmpeg.avutil.AVChannelLayout;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swresample.SwrContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.PointerPointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link PcmStream} decoded by FFmpeg in this process, a packet at a time while read. Owns FFmpeg's native
 * demuxer, decoder and resampler: close it (try-with-resources). Not thread-safe: one reader. Runs in the parent
 * when decoding {@link PcmDecoder#inProcess in-process}, and in the child of a {@link PcmDecoder#inChildProcess
 * child-process} decoder ({@link DecoderProcessMain}).
 *
 * <p>Damage does not stop decoding where FFmpeg can go on: a truncated file yields the part before the cut, a damaged
 * frame is skipped. Once {@link #read} has returned -1, {@link #incompleteReason()} says whether and why the audio
 * came out only in part.
 *
 * <p>Only the containers podgrep decodes are opened ({@link #CONTAINERS}: FFmpeg's {@code format_whitelist}), only
 * through FFmpeg's {@code file} protocol ({@code protocol_whitelist}: a playlist or reference file cannot make FFmpeg
 * open URLs or other files), and only with audio decoders of podcast codecs ({@code codec_whitelist}).
 */
final class FfmpegPcmStream extends PcmStream {

    private static final Logger log = LoggerFactory.getLogger(FfmpegPcmStream.class);

    /** Decoded-duration shortfall tolerated against the container's declared duration before calling it partial. */
    private static final double SHORTFALL_TOLERANCE_SECONDS = 0.5;
    private static final double SHORTFALL_TOLERANCE_FRACTION = 0.001;
    /**
     * FFmpeg demuxers (by any of their names) of the containers podcasts use: MP3, MP4/M4A/MOV, Ogg (Opus, Vorbis,
     * FLAC), WAV, FLAC, raw AAC (ADTS), WebM/Matroska. Everything else FFmpeg could probe (AVI, HLS playlists,
     * concat lists, image sequences, raw PCM, ...) is refused before it is parsed.
     */
    static final String CONTAINERS = "mp3,mov,ogg,wav,flac,aac,matroska";
    /** What {@link #CONTAINERS} means for users, for the refusal message. */
    private static final String CONTAINERS_FOR_USERS = "MP3, MP4/M4A, Ogg, WAV, FLAC, AAC and WebM/Matroska";
    /** FFmpeg decoders of the audio codecs those containers carry in podcasts. */
    static final String DECODERS = "mp3float,mp3,mp2float,mp2,aac,aac_fixed,aac_latm,opus,vorbis,flac,alac,"
            + "pcm_s16le,pcm_s16be,pcm_s24le,pcm_s24be,pcm_s32le,pcm_f32le,pcm_f64le,pcm_u8,pcm_alaw,pcm_mulaw";
    private static final Pattern REFUSED_CONTAINER = Pattern.compile("Format .*not on whitelist");
    private static final int PROBE_BYTES = 64 * 1024;
    private static final Pattern REFUSED_DECODER = Pattern.compile("Codec \\((\\S+)\\) not on whitelist");
    /** Declared duration beyond the limit tolerated at opening (headers round; decoding enforces it exactly). */
    private static final double DECLARED_LIMIT_TOLERANCE_SECONDS = 1.0;

    /** Consecutive decoder errors after which the audio is taken to be beyond repair. */
    private static final int MAX_CONSECUTIVE_ERRORS = 1000;

    static {
        FfmpegLog.install();
        av_log_set_level(AV_LOG_ERROR); // errors only: they are quoted in exceptions and incompleteness reasons
    }

    /** Loads FFmpeg's native libraries and sets up its logging (the class initialiser does it). */
    static void loadLibraries() {
        Loader.load(org.bytedeco.ffmpeg.global.avformat.class);
        Loader.load(org.bytedeco.ffmpeg.global.avcodec.class);
        Loader.load(org.bytedeco.ffmpeg.global.swresample.class);
    }

    private final Path file;
    private final DecodingLimits limits;
    private final AVFormatContext format;
    private final int streamIndex;
    private final String codecName;
    private final OptionalDouble declaredDuration;
    private final boolean declaredDurationExact;
    private final FfmpegLog.Capture ffmpegMessages;
    private AVCodecContext decoder;
    private AVPacket packet;
    private AVFrame frame;
    private SwrContext resampler;
    private int resamplerFormat = -1;
    private int resamplerRate = -1;
    private int resamplerChannels = -1;
    private BytePointer converted;
    private int convertedCapacity;
    private final PointerPointer<BytePointer> convertedPlanes = new PointerPointer<>(1);

    private byte[] chunk = new byte[0];
    private int chunkPosition;
    private int chunkLimit;
    private long bytesDelivered;

    /** {@link #packet} holds a packet of our stream that the decoder has not taken yet. */
    private boolean packetPending;
    /** The decoder answered the pending packet with EAGAIN and has given no frame since. */
    private boolean packetRefused;
    /** The flush (null packet) has been sent. */
    private boolean draining;
    private boolean finished;
    private String decoderProblem;
    private boolean closed;
    private String readError;
    private int damagedPackets;
    private String firstDamage;
    private int consecutiveErrors;

    private FfmpegPcmStream(Path file, AVFormatContext format, int streamIndex, AVCodecContext decoder,
                            DecodingLimits limits, FfmpegLog.Capture ffmpegMessages) {
        super(file);
        this.file = file;
        this.limits = limits;
        this.ffmpegMessages = ffmpegMessages;
        this.format = format;
        this.streamIndex = streamIndex;
        this.decoder = decoder;
        this.codecName = avcodec_get_name(decoder.codec_id()).getString();
        long duration = format.duration();
        this.declaredDuration = duration != AV_NOPTS_VALUE && duration > 0
                ? OptionalDouble.of(duration / (double) AV_TIME_BASE) : OptionalDouble.empty();
        this.declaredDurationExact = format.duration_estimation_method() != AVFMT_DURATION_FROM_BITRATE;
        this.packet = av_packet_alloc();
        this.frame = av_frame_alloc();
    }

    static FfmpegPcmStream open(Path file, DecodingLimits limits) throws AudioDecodingException {
        checkReadableAudioFile(file);
        FfmpegLog.Capture messages = new FfmpegLog.Capture();
        FfmpegPcmStream stream;
        try (FfmpegLog.Scope ignored = messages.activate()) {
            stream = openDecoder(file, limits, messages);
        }
        try {
            stream.fill(); // decode the first sound now, so that a file with no decodable audio fails here
            if (stream.chunkLimit == 0) {
                throw notAudio(file, "no audio could be decoded from it (" + stream.codecName + " stream"
                        + stream.damageSummary().map(damage -> ": " + damage).orElse(", no frames") + ")");
            }
            return stream;
        } catch (IOException | RuntimeException e) {
            stream.close();
            if (e instanceof AudioDecodingException decoding) {
                throw decoding;
            }
            throw new AudioDecodingException(file, "decoding failed: " + e.getMessage(), e);
        }
    }

    private static FfmpegPcmStream openDecoder(Path file, DecodingLimits limits, FfmpegLog.Capture messages) throws AudioDecodingException {
        AVFormatContext format = new AVFormatContext(null);
        AVDictionary options = new AVDictionary(null);
        int result;
        try {
            av_dict_set(options, "format_whitelist", CONTAINERS, 0);
            av_dict_set(options, "protocol_whitelist", "file", 0);
            av_dict_set(options, "codec_whitelist", DECODERS, 0);
            result = avformat_open_input(format, "file:" + file.toAbsolutePath(), null, options);
        } finally {
            av_dict_free(options);
        }
        if (result < 0) {
            String reason = describe(result, messages);
            if (REFUSED_CONTAINER.matcher(reason).find()) {
                throw notAudio(file, "its container" + probedContainer(file).map(name -> " (" + name + ")")
                        .orElse("") + " is not one podgrep decodes: " + CONTAINERS_FOR_USERS + " are");
            }
            throw notAudio(file, "FFmpeg cannot read it as audio: " + reason);
        }
        AVCodecContext decoder = null;
        int streamIndex;
        try {
            result = avformat_find_stream_info(format, (AVDictionary) null);
            if (result < 0) {
                throw notAudio(file, "FFmpeg cannot find its streams: " + describe(result, messages));
            }
            streamIndex = av_find_best_stream(format, AVMEDIA_TYPE_AUDIO, -1, -1, (AVCodec) null, 0);
            if (streamIndex < 0) {
                throw notAudio(file, "it holds no audio stream (format "
                        + format.iformat().name().getString() + ")");
            }
            AVCodecParameters parameters = format.streams(streamIndex).codecpar();
            AVCodec codec = avcodec_find_decoder(parameters.codec_id());
            if (codec == null) {
                throw new AudioDecodingException(file, "the bundled FFmpeg has no decoder for its audio codec "
                        + avcodec_get_name(parameters.codec_id()).getString());
            }
            decoder = avcodec_alloc_context3(codec);
            check(file, avcodec_parameters_to_context(decoder, parameters), "configure the decoder");
            decoder.pkt_timebase(format.streams(streamIndex).time_base());
            decoder.thread_count(1); // FFmpeg then logs on the calling thread, where FfmpegLog captures it
            AVDictionary decoderOptions = new AVDictionary(null);
            try {
                av_dict_set(decoderOptions, "codec_whitelist", DECODERS, 0);
                result = avcodec_open2(decoder, codec, decoderOptions);
            } finally {
                av_dict_free(decoderOptions);
            }
            if (result < 0) {
                String reason = describe(result, messages);
                if (REFUSED_DECODER.matcher(reason).find()) {
                    throw new AudioDecodingException(file, "its audio codec (" + codec.name().getString()
                            + ") is not one podgrep decodes");
                }
                throw new AudioDecodingException(file, "FFmpeg could not open the " + codec.name().getString()
                        + " decoder: " + reason);
            }
        } catch (AudioDecodingException | RuntimeException e) {
            if (decoder != null) {
                avcodec_free_context(decoder);
            }
            avformat_close_input(format);
            throw e;
        }
        FfmpegPcmStream stream = new FfmpegPcmStream(file, format, streamIndex, decoder, limits, messages);
        if (stream.declaredDurationExact && stream.declaredDuration.isPresent()
                && stream.declaredDuration.getAsDouble() > limits.seconds() + DECLARED_LIMIT_TOLERANCE_SECONDS) {
            stream.close();
            throw new AudioTooLongException(file, limits.maxAudioDuration(), "the file declares "
                    + DecodingLimits.describeSeconds(stream.declaredDuration.getAsDouble()));
        }
        return stream;
    }

    static void checkReadableAudioFile(Path file) throws AudioDecodingException {
        if (!Files.exists(file)) {
            throw new AudioDecodingException(file, "the file does not exist");
        }
        if (!Files.isRegularFile(file)) {
            throw new AudioDecodingException(file, "it is not a regular file");
        }
        if (!Files.isReadable(file)) {
            throw new AudioDecodingException(file, "the file is not readable (permissions)");
        }
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new AudioDecodingException(file, "its size cannot be read: " + e.getMessage(), e);
        }
        if (size == 0) {
            throw new AudioDecodingException(file, "the file is empty (0 bytes)");
        }
    }

    /** The name of the demuxer FFmpeg's probe picks for the file's first bytes (no demuxer is opened). */
    private static Optional<String> probedContainer(Path file) {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(PROBE_BYTES);
        } catch (IOException e) {
            return Optional.empty();
        }
        try (BytePointer buffer = new BytePointer((long) head.length + AVPROBE_PADDING_SIZE);
             BytePointer name = new BytePointer(file.getFileName().toString());
             AVProbeData probe = new AVProbeData()) {
            buffer.put(head, 0, head.length);
            for (int i = 0; i < AVPROBE_PADDING_SIZE; i++) {
                buffer.put(head.length + i, (byte) 0);
            }
            probe.filename(name).buf(buffer).buf_size(head.length).mime_type((BytePointer) null);
            AVInputFormat format = av_probe_input_format(probe, 1);
            return format == null ? Optional.empty()
                    : Optional.of(format.name().getString().split(",")[0]);
        }
    }

    /** An exception for content FFmpeg rejects, saying what the file looks like when it is plainly not audio. */
    private static AudioDecodingException notAudio(Path file, String ffmpegReason) {
        return NonAudioContent.describe(file)
                .map(what -> new AudioDecodingException(file, what + "; " + ffmpegReason))
                .orElseGet(() -> new AudioDecodingException(file, ffmpegReason));
    }

    @Override
    public OptionalDouble durationSeconds() {
        return declaredDuration;
    }

    @Override
    public double secondsDecoded() {
        return bytesDelivered / (double) PcmDecoder.BYTES_PER_SECOND;
    }

    @Override
    public Optional<String> incompleteReason() {
        if (!finished) {
            return Optional.empty();
        }
        List<String> reasons = new ArrayList<>();
        if (readError != null) {
            reasons.add("reading stopped at " + seconds(secondsDecoded()) + " s: " + readError);
        }
        if (decoderProblem != null) {
            reasons.add("decoding stopped at " + seconds(secondsDecoded()) + " s: " + decoderProblem);
        }
        if (declaredDurationExact && declaredDuration.isPresent()) {
            double declared = declaredDuration.getAsDouble();
            double tolerance = Math.max(SHORTFALL_TOLERANCE_SECONDS, declared * SHORTFALL_TOLERANCE_FRACTION);
            if (secondsDecoded() < declared - tolerance) {
                reasons.add("decoded " + seconds(secondsDecoded()) + " s of the " + seconds(declared)
                        + " s the file declares (truncated?)");
            }
        }
        damageSummary().ifPresent(reasons::add);
        return reasons.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", reasons));
    }

    private Optional<String> damageSummary() {
        return damagedPackets == 0 ? Optional.empty()
                : Optional.of(damagedPackets + " damaged packet" + (damagedPackets == 1 ? "" : "s")
                + " (first: " + firstDamage + ")");
    }

    @Override
    boolean finished() {
        return finished && chunkPosition == chunkLimit;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        if (closed) {
            throw new IOException("PCM stream of " + file() + " is closed");
        }
        Objects.checkFromIndexSize(offset, length, target.length);
        if (length == 0) {
            return 0;
        }
        if (chunkPosition == chunkLimit && !fill()) {
            return -1;
        }
        int n = Math.min(length, chunkLimit - chunkPosition);
        System.arraycopy(chunk, chunkPosition, target, offset, n);
        chunkPosition += n;
        bytesDelivered += n;
        return n;
    }

    @Override
    public int available() {
        return chunkLimit - chunkPosition;
    }

    /** Decodes until some PCM is in {@link #chunk}; false at the end of the audio. */
    private boolean fill() throws IOException {
        boolean some;
        try (FfmpegLog.Scope ignored = ffmpegMessages.activate()) {
            some = decodeSome();
        }
        if (bytesDelivered + chunkLimit > limits.maxPcmBytes()) {
            throw new AudioTooLongException(file, limits.maxAudioDuration(), null);
        }
        return some;
    }

    /**
     * FFmpeg's decode loop: take every frame the decoder has; when it wants input ({@code EAGAIN}), send it the next
     * packet, or at the end of the file the flush (a null packet) and then take frames until {@code AVERROR_EOF}.
     * Every turn either delivers a frame, sends a packet, ends, or counts an error, so the loop is bounded by the
     * file's packets and {@link #MAX_CONSECUTIVE_ERRORS}; a decoder that breaks the API's contract (wants input
     * while refusing it, or wants input after the flush) ends the stream with a reason instead of spinning.
     */
    private boolean decodeSome() throws IOException {
        chunkPosition = 0;
        chunkLimit = 0;
        while (!finished && chunkLimit == 0) {
            int result = avcodec_receive_frame(decoder, frame);
            if (result >= 0) {
                consecutiveErrors = 0;
                packetRefused = false;
                convert(frame);
                av_frame_unref(frame);
            } else if (result == AVERROR_EOF) {
                finish(null);
            } else if (result == AVERROR_EAGAIN()) {
                if (draining) {
                    finish("the " + codecName + " decoder asked for more input after the end of the file");
                } else if (packetRefused) {
                    finish("the " + codecName + " decoder neither takes the next packet nor gives a frame");
                } else {
                    feedDecoder();
                }
            } else {
                damaged(result);
            }
        }
        return chunkLimit > 0;
    }

    /**
     * Sends the decoder the packet it refused last time ({@code EAGAIN}: it had frames to give first), else the next
     * packet of our stream, else (end of file or read error) the flush.
     */
    private void feedDecoder() throws IOException {
        if (!packetPending) {
            int result = av_read_frame(format, packet);
            while (result >= 0 && packet.stream_index() != streamIndex) {
                av_packet_unref(packet);
                result = av_read_frame(format, packet);
            }
            if (result < 0) {
                if (result != AVERROR_EOF) {
                    readError = describe(result, ffmpegMessages);
                    log.debug("{}: reading stopped: {}", file, readError);
                }
                flushDecoder();
                return;
            }
            if ((packet.flags() & AV_PKT_FLAG_CORRUPT) != 0) {
                damaged("a packet the demuxer flags as corrupt (cut short?)");
            }
            packetPending = true;
        }
        int result = avcodec_send_packet(decoder, packet);
        if (result == AVERROR_EAGAIN()) {
            packetRefused = true; // keep the packet: it is sent again once the decoder's frames are taken
            return;
        }
        packetPending = false;
        packetRefused = false;
        av_packet_unref(packet);
        if (result < 0) {
            damaged(result);
        }
    }

    /** Enters draining: a null packet asks the decoder for the frames it still holds, then AVERROR_EOF. */
    private void flushDecoder() throws IOException {
        draining = true;
        int result = avcodec_send_packet(decoder, null);
        if (result < 0 && result != AVERROR_EOF) {
            finish("the " + codecName + " decoder could not be flushed at the end of the file ("
                    + describe(result, ffmpegMessages) + ")");
        }
    }

    /** Ends decoding: what the resampler holds is appended; {@code problem}, when not null, makes it incomplete. */
    private void finish(String problem) throws IOException {
        if (problem != null) {
            log.debug("{}: decoding ended early: {}", file, problem);
            decoderProblem = problem;
        }
        drainResampler();
        finished = true;
    }

    private void damaged(int error) throws IOException {
        damaged(describe(error, ffmpegMessages));
        consecutiveErrors++;
        if (consecutiveErrors >= MAX_CONSECUTIVE_ERRORS) {
            throw new AudioDecodingException(file, consecutiveErrors + " consecutive " + codecName
                    + " decoding errors after " + seconds(secondsDecoded()) + " s (" + firstDamage + ")");
        }
    }

    private void damaged(String what) {
        damagedPackets++;
        if (firstDamage == null) {
            firstDamage = what + " at " + seconds(secondsDecoded() + pendingSeconds()) + " s";
        }
    }

    private double pendingSeconds() {
        return (chunkLimit - chunkPosition) / (double) PcmDecoder.BYTES_PER_SECOND;
    }

    /** Resamples one decoded frame to 16 kHz mono s16 and appends it to {@link #chunk}. */
    private void convert(AVFrame decoded) throws IOException {
        AVChannelLayout layout = decoded.ch_layout();
        if (decoded.format() != resamplerFormat || decoded.sample_rate() != resamplerRate
                || layout.nb_channels() != resamplerChannels) {
            drainResampler();
            configureResampler(decoded);
        }
        ensureConvertedCapacity(swr_get_out_samples(resampler, decoded.nb_samples()));
        int samples = swr_convert(resampler, convertedPlanes, convertedCapacity, decoded.extended_data(),
                decoded.nb_samples());
        if (samples < 0) {
            throw new AudioDecodingException(file, "resampling to 16 kHz mono failed: " + describe(samples));
        }
        appendConverted(samples);
    }

    private void configureResampler(AVFrame decoded) throws AudioDecodingException {
        if (resampler != null) {
            swr_free(resampler);
        }
        AVChannelLayout in = new AVChannelLayout();
        AVChannelLayout mono = new AVChannelLayout();
        try {
            if (decoded.ch_layout().order() == AV_CHANNEL_ORDER_UNSPEC) {
                av_channel_layout_default(in, decoded.ch_layout().nb_channels());
            } else {
                check(file, av_channel_layout_copy(in, decoded.ch_layout()), "read the channel layout");
            }
            av_channel_layout_default(mono, 1);
            resampler = new SwrContext(null);
            check(file, swr_alloc_set_opts2(resampler, mono, AV_SAMPLE_FMT_S16, PcmDecoder.SAMPLE_RATE,
                    in, decoded.format(), decoded.sample_rate(), 0, null), "set up resampling");
            check(file, swr_init(resampler), "start resampling from " + decoded.sample_rate() + " Hz, "
                    + decoded.ch_layout().nb_channels() + " channels");
        } finally {
            av_channel_layout_uninit(in);
            av_channel_layout_uninit(mono);
            in.close();
            mono.close();
        }
        resamplerFormat = decoded.format();
        resamplerRate = decoded.sample_rate();
        resamplerChannels = decoded.ch_layout().nb_channels();
    }

    /** Appends what the resampler still holds (its filter delay) to {@link #chunk}. */
    private void drainResampler() throws IOException {
        if (resampler == null) {
            return;
        }
        ensureConvertedCapacity(Math.max(256, swr_get_out_samples(resampler, 0)));
        int samples;
        while ((samples = swr_convert(resampler, convertedPlanes, convertedCapacity, (PointerPointer<?>) null, 0))
                > 0) {
            appendConverted(samples);
        }
        if (samples < 0) {
            throw new AudioDecodingException(file, "resampling to 16 kHz mono failed: " + describe(samples));
        }
    }

    private void ensureConvertedCapacity(int samples) {
        if (samples > convertedCapacity) {
            if (converted != null) {
                converted.close();
            }
            convertedCapacity = Math.max(samples, 4096);
            converted = new BytePointer((long) convertedCapacity * PcmDecoder.BYTES_PER_SAMPLE);
            convertedPlanes.put(0, converted);
        }
    }

    private void appendConverted(int samples) {
        int bytes = samples * PcmDecoder.BYTES_PER_SAMPLE;
        if (chunk.length < chunkLimit + bytes) {
            chunk = Arrays.copyOf(chunk, chunkLimit + bytes);
        }
        converted.position(0).get(chunk, chunkLimit, bytes);
        chunkLimit += bytes;
    }

    /** Frees the native demuxer, decoder and resampler. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (resampler != null) {
            swr_free(resampler);
            resampler = null;
        }
        if (converted != null) {
            converted.close();
            converted = null;
        }
        convertedPlanes.close();
        av_frame_free(frame);
        av_packet_free(packet);
        avcodec_free_context(decoder);
        avformat_close_input(format);
        frame = null;
        packet = null;
        decoder = null;
    }

    private static void check(Path file, int result, String action) throws AudioDecodingException {
        if (result < 0) {
            throw new AudioDecodingException(file, "FFmpeg could not " + action + ": " + describe(result));
        }
    }

    /** FFmpeg's last logged message with its text for the error code, or the latter alone. */
    private static String describe(int error, FfmpegLog.Capture messages) {
        String logged = messages.takeLast();
        if (logged == null) {
            return describe(error);
        }
        return (logged.endsWith(".") ? logged.substring(0, logged.length() - 1) : logged) + " (" + describe(error) + ")";
    }

    /** FFmpeg's text for an error code, e.g. "Invalid data found when processing input". */
    static String describe(int error) {
        byte[] text = new byte[256];
        av_strerror(error, text, text.length);
        int length = 0;
        while (length < text.length && text[length] != 0) {
            length++;
        }
        return new String(text, 0, length, StandardCharsets.UTF_8);
    }

    private static String seconds(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    @Override
    public String toString() {
        return "FfmpegPcmStream[" + file + ", " + codecName + ", " + seconds(secondsDecoded()) + " s decoded]";
    }
}
