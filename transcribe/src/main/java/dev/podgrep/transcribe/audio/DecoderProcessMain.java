package dev.podgrep.transcribe.audio;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The decoder child of a {@link PcmDecoder#inChildProcess child-process decoder}: decodes one file with FFmpeg
 * ({@link FfmpegPcmStream}) and writes its PCM to standard output in {@link DecoderProtocol} frames. Started by
 * {@link ChildProcessPcmStream} with {@code <audio file> <max audio milliseconds>}; not meant to be run by hand.
 *
 * <p>Standard output carries frames only: {@code System.out} is pointed at standard error before anything else
 * runs, so stray prints and loggers cannot corrupt the pipe. The process ends at once when its standard input
 * closes (the parent closed the stream, or died, even by SIGKILL) or when the pipe breaks.
 */
public final class DecoderProcessMain {

    private DecoderProcessMain() {
    }

    public static void main(String[] args) {
        FileOutputStream pipe = new FileOutputStream(FileDescriptor.out);
        System.setOut(System.err);
        exitWhenTheParentLetsGo();
        if (args.length == 8 && args[0].equals(CLIP)) {
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(pipe, 1 << 12));
            int exit;
            try {
                exit = clip(args, out);
                out.flush();
            } catch (IOException e) {
                exit = DecoderProtocol.EXIT_PARENT_GONE;
            }
            Runtime.getRuntime().halt(exit);
        }
        if (args.length != 2) {
            System.err.println("usage: DecoderProcessMain <audio file> <max audio milliseconds>");
            Runtime.getRuntime().halt(DecoderProtocol.EXIT_USAGE);
        }
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(pipe, 1 << 16));
        int exit;
        try {
            exit = decode(Path.of(args[0]), Duration.ofMillis(Long.parseLong(args[1])), out);
            out.flush();
        } catch (IOException e) {
            exit = DecoderProtocol.EXIT_PARENT_GONE; // the pipe broke: nobody reads any more
        }
        Runtime.getRuntime().halt(exit);
    }

    /** First argument of the clip mode: {@code --clip <source> <start> <end> <target> <title> <artist> <album>}. */
    static final String CLIP = "--clip";

    /** Cuts a clip ({@link FfmpegClipCutter}); READY then END, or ERROR with the reason. */
    private static int clip(String[] args, DataOutputStream out) throws IOException {
        try {
            FfmpegPcmStream.loadLibraries();
        } catch (RuntimeException | LinkageError e) {
            return error(out, DecoderProtocol.INTERNAL, "the FFmpeg libraries cannot be loaded: " + e);
        }
        out.writeByte(DecoderProtocol.READY);
        out.flush();
        try {
            FfmpegClipCutter.cut(Path.of(args[1]), Double.parseDouble(args[2]), Double.parseDouble(args[3]),
                    new ClipTags(args[5], args[6], args[7].isEmpty() ? null : args[7]), Path.of(args[4]));
        } catch (AudioDecodingException e) {
            return error(out, DecoderProtocol.UNDECODABLE, e.getMessage());
        } catch (IOException | RuntimeException | Error e) {
            return error(out, DecoderProtocol.UNDECODABLE, e.getMessage() == null ? e.toString() : e.getMessage());
        }
        out.writeByte(DecoderProtocol.END);
        DecoderProtocol.writeText(out, "");
        return DecoderProtocol.EXIT_OK;
    }

    /** A daemon thread that ends the process when standard input reaches its end. */
    private static void exitWhenTheParentLetsGo() {
        Thread watcher = new Thread(() -> {
            InputStream in = System.in;
            try {
                while (in.read() >= 0) {
                    // the parent writes nothing; anything it does write is ignored
                }
            } catch (IOException e) {
                // a broken pipe means the same
            }
            Runtime.getRuntime().halt(DecoderProtocol.EXIT_PARENT_GONE);
        }, "parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    /** Decodes and writes the frames; returns the exit code. Throws only when writing to the pipe fails. */
    private static int decode(Path file, Duration maxAudio, DataOutputStream out) throws IOException {
        DecodingLimits limits;
        try {
            limits = new DecodingLimits(maxAudio);
            FfmpegPcmStream.loadLibraries();
        } catch (RuntimeException | LinkageError e) {
            return error(out, DecoderProtocol.INTERNAL, "the FFmpeg libraries cannot be loaded: " + e);
        }
        out.writeByte(DecoderProtocol.READY);
        out.flush();
        FfmpegPcmStream pcm;
        try {
            pcm = FfmpegPcmStream.open(file, limits);
        } catch (AudioDecodingException e) {
            return error(out, e);
        } catch (RuntimeException | Error e) {
            return error(out, DecoderProtocol.INTERNAL, e.toString());
        }
        try (pcm) {
            out.writeByte(DecoderProtocol.HEADER);
            out.writeDouble(pcm.durationSeconds().orElse(Double.NaN));
            out.flush();
            byte[] buffer = new byte[PcmDecoder.BYTES_PER_SECOND];
            while (true) {
                int length;
                try {
                    length = pcm.readNBytes(buffer, 0, buffer.length);
                } catch (AudioDecodingException e) {
                    return error(out, e);
                } catch (IOException | RuntimeException | Error e) {
                    return error(out, DecoderProtocol.INTERNAL, e.toString());
                }
                if (length == 0) {
                    break;
                }
                out.writeByte(DecoderProtocol.PCM);
                out.writeInt(length);
                out.write(buffer, 0, length);
                out.flush();
            }
            out.writeByte(DecoderProtocol.END);
            DecoderProtocol.writeText(out, pcm.incompleteReason().orElse(""));
            return DecoderProtocol.EXIT_OK;
        }
    }

    private static int error(DataOutputStream out, AudioDecodingException e) throws IOException {
        if (e instanceof AudioTooLongException tooLong) {
            return error(out, DecoderProtocol.TOO_LONG, tooLong.detail() == null ? "" : tooLong.detail());
        }
        return error(out, DecoderProtocol.UNDECODABLE, e.reason());
    }

    private static int error(DataOutputStream out, int kind, String reason) throws IOException {
        out.writeByte(DecoderProtocol.ERROR);
        out.writeByte(kind);
        DecoderProtocol.writeText(out, reason);
        out.flush();
        return DecoderProtocol.EXIT_REPORTED_ERROR;
    }
}
