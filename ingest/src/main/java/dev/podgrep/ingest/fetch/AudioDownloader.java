package dev.podgrep.ingest.fetch;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;
import okio.BufferedSource;

import dev.podgrep.ingest.episode.EpisodeId;

/**
 * Downloads episode audio into an audio directory, one file per episode: {@code <audioDir>/<episodeId>.<ext>},
 * where the extension comes from the file's first bytes ({@link AudioFormat}).
 *
 * <ul>
 *   <li>Bytes go to {@code <audioDir>/.partial/<episodeId>.part} first; the file is moved into place atomically
 *       only when complete, so a file under its final name is always whole, and is never downloaded again.</li>
 *   <li>A download that was cut (network, timeout, crash) resumes from where it stopped, with
 *       {@code Range: bytes=N-} (and {@code If-Range} so a changed file is not spliced): a {@code 206} with the
 *       matching {@code Content-Range} is appended, a {@code 200} means the server ignored the range and the
 *       download restarts from byte 0. Within one call this happens up to {@link FetchSettings#maxAttempts()}
 *       times; after that the partial file stays for the next call.</li>
 *   <li>The content must be audio: the first bytes must be a known audio format (ID3/MPEG, ADTS, MP4
 *       {@code ftyp}, Ogg, RIFF/WAVE, FLAC), or at least not text while the {@code Content-Type} allows audio.
 *       HTML, XML, JSON and text are refused ("served text/html (an HTML page), not audio"). A recognised audio
 *       format is accepted even under a wrong {@code Content-Type} (misconfigured servers send MP3 as
 *       {@code text/plain}); FFmpeg decodes by content.</li>
 *   <li>Files over the maximum size are refused from their {@code Content-Length}/{@code Content-Range}, or
 *       aborted when the bytes pass it.</li>
 *   <li>Final failures (404, 410, other client errors, not audio, too large) delete the partial file; retryable
 *       ones keep it.</li>
 * </ul>
 *
 * <p>Two downloads of the same episode at once (threads or processes) are refused with a retryable failure.
 */
public final class AudioDownloader {

    /** Default largest file accepted: 2 GiB (a four-hour episode at 256 kbit/s is under 500 MB). */
    public static final long DEFAULT_MAX_BYTES = 2L * 1024 * 1024 * 1024;

    /** Folder, inside the audio directory, of downloads in progress. */
    public static final String PARTIAL_DIR = ".partial";

    private static final Logger log = LoggerFactory.getLogger(AudioDownloader.class);
    private static final String ACCEPT = "audio/*, video/mp4;q=0.9, application/octet-stream;q=0.8, */*;q=0.5";
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes\\s+(\\d+)-(\\d+)/(\\d+|\\*)\\s*");
    private static final Pattern UNSATISFIED_RANGE = Pattern.compile("bytes\\s+\\*/(\\d+)\\s*");
    private static final Pattern EXTENSION = Pattern.compile("[a-z0-9]{2,4}");
    private static final Map<String, String> EXTENSION_BY_MIME = Map.ofEntries(
            Map.entry("audio/mpeg", "mp3"), Map.entry("audio/mp3", "mp3"), Map.entry("audio/mpeg3", "mp3"),
            Map.entry("audio/x-mpeg", "mp3"), Map.entry("audio/mp4", "m4a"), Map.entry("audio/x-m4a", "m4a"),
            Map.entry("audio/m4a", "m4a"), Map.entry("video/mp4", "mp4"), Map.entry("audio/aac", "aac"),
            Map.entry("audio/aacp", "aac"), Map.entry("audio/ogg", "ogg"), Map.entry("application/ogg", "ogg"),
            Map.entry("audio/opus", "opus"), Map.entry("audio/wav", "wav"), Map.entry("audio/x-wav", "wav"),
            Map.entry("audio/wave", "wav"), Map.entry("audio/flac", "flac"), Map.entry("audio/x-flac", "flac"));
    private static final Set<String> AUDIO_EXTENSIONS = Set.of(
            "mp3", "m4a", "mp4", "m4b", "aac", "ogg", "oga", "opus", "wav", "flac", "webm", "mka");

    private final IngestHttpClient http;
    private final Path audioDir;
    private final Path partialDir;
    private final long maxBytes;

    /**
     * @param http     the shared client
     * @param audioDir where complete files go (created when missing)
     */
    public AudioDownloader(IngestHttpClient http, Path audioDir) {
        this(http, audioDir, DEFAULT_MAX_BYTES);
    }

    /**
     * @param http     the shared client
     * @param audioDir where complete files go (created when missing)
     * @param maxBytes largest file accepted
     */
    public AudioDownloader(IngestHttpClient http, Path audioDir, long maxBytes) {
        this.http = Objects.requireNonNull(http, "http");
        this.audioDir = Objects.requireNonNull(audioDir, "audioDir").toAbsolutePath();
        this.partialDir = this.audioDir.resolve(PARTIAL_DIR);
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive, was " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /**
     * Downloads audio for an episode id, unless its file is already complete.
     *
     * @param episodeId an id made by {@link EpisodeId#of} (it names the file)
     * @param url       the enclosure URL
     * @return the complete file
     * @throws FetchException with a readable reason when the download failed; see {@link FetchException#retryable()}
     */
    public DownloadedAudio download(String episodeId, String url) throws FetchException {
        return download(episodeId, url, null);
    }

    /**
     * Downloads audio for an episode id, unless its file is already complete, within a time budget: no attempt runs
     * past the deadline and no retry starts after it; what arrived is kept, so a later call resumes.
     *
     * @param episodeId an id made by {@link EpisodeId#of} (it names the file)
     * @param url       the enclosure URL
     * @param deadline  when to give up, or null for none
     * @return the complete file
     * @throws FetchException as {@link #download(String, String)}; past the deadline a retryable one reading
     *                        {@code gave up: the time budget for this feed ran out: <url>}
     */
    public DownloadedAudio download(String episodeId, String url, Instant deadline) throws FetchException {
        requireValidId(episodeId);
        Objects.requireNonNull(url, "url");
        Optional<Path> existing = completeFile(episodeId);
        if (existing.isPresent()) {
            return new DownloadedAudio(existing.get(), size(existing.get(), url), true);
        }
        HttpUrl httpUrl = HttpUrl.parse(url.strip());
        if (httpUrl == null) {
            throw FetchException.refused("not an http(s) URL: " + url, url);
        }
        Path partial = partialFile(episodeId);
        Path validatorFile = partialDir.resolve(episodeId + ".part.validator");
        String extension;
        long bytes;
        try {
            Files.createDirectories(partialDir);
        } catch (IOException e) {
            throw FetchException.local("cannot create " + partialDir, url, e);
        }
        try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
             FileLock lock = tryLock(channel, episodeId, url)) {
            Transfer transfer = new Transfer(url, httpUrl, channel, validatorFile);
            Completed completed = http.execute(IngestHttpClient.Purpose.DOWNLOAD, url, deadline, transfer::request,
                    transfer::receive);
            extension = completed.extension();
            bytes = completed.bytes();
        } catch (FetchException e) {
            cleanUpAfterFailure(e, partial, validatorFile);
            throw e;
        } catch (IOException e) {
            throw FetchException.local("cannot write " + partial, url, e);
        }
        Path target = audioDir.resolve(episodeId + "." + extension);
        try {
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Files.deleteIfExists(validatorFile);
        } catch (IOException e) {
            throw FetchException.local("cannot move the finished download to " + target, url, e);
        }
        log.info("Downloaded {} ({} bytes) to {}", url, bytes, target);
        return new DownloadedAudio(target, bytes, false);
    }

    /**
     * The complete audio file of an episode, if it has been downloaded.
     *
     * @param episodeId an episode id
     * @return {@code <audioDir>/<episodeId>.<ext>} when it exists
     */
    public Optional<Path> completeFile(String episodeId) {
        requireValidId(episodeId);
        if (!Files.isDirectory(audioDir)) {
            return Optional.empty();
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(audioDir, episodeId + ".*")) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (Files.isRegularFile(file) && EXTENSION.matcher(name.substring(episodeId.length() + 1)).matches()) {
                    return Optional.of(file);
                }
            }
        } catch (IOException e) {
            log.warn("Cannot list {}: {}", audioDir, e.toString());
        }
        return Optional.empty();
    }

    /**
     * Where the bytes of an unfinished download of this episode are kept.
     *
     * @param episodeId an episode id
     * @return {@code <audioDir>/.partial/<episodeId>.part}
     */
    public Path partialFile(String episodeId) {
        requireValidId(episodeId);
        return partialDir.resolve(episodeId + ".part");
    }

    private static FileLock tryLock(FileChannel channel, String episodeId, String url) throws IOException,
            FetchException {
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            throw new FetchException("episode " + episodeId + " is already being downloaded: " + url, url, 0, true,
                    null);
        }
        return lock;
    }

    private static void cleanUpAfterFailure(FetchException e, Path partial, Path validatorFile) {
        try {
            if (!e.retryable()) {
                Files.deleteIfExists(partial);
                Files.deleteIfExists(validatorFile);
            } else if (Files.exists(partial) && Files.size(partial) == 0) {
                Files.deleteIfExists(partial);
            }
        } catch (IOException cleanup) {
            log.warn("Cannot remove {} after a failed download: {}", partial, cleanup.toString());
        }
    }

    private static long size(Path file, String url) throws FetchException {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw FetchException.local("cannot read the size of " + file, url, e);
        }
    }

    private static void requireValidId(String episodeId) {
        if (!EpisodeId.isValid(episodeId)) {
            throw new IllegalArgumentException("not an episode id: '" + episodeId + "'");
        }
    }

    private record Completed(long bytes, String extension) {
    }

    /** One download, across its attempts: the partial file and what was asked for last. */
    private final class Transfer {
        private final String url;
        private final HttpUrl httpUrl;
        private final FileChannel channel;
        private final Path validatorFile;
        private long requestedFrom;

        Transfer(String url, HttpUrl httpUrl, FileChannel channel, Path validatorFile) {
            this.url = url;
            this.httpUrl = httpUrl;
            this.channel = channel;
            this.validatorFile = validatorFile;
        }

        Request request() throws FetchException {
            requestedFrom = partialSize();
            Request.Builder builder = new Request.Builder().url(httpUrl)
                    .header("Accept", ACCEPT)
                    .header("Accept-Encoding", "identity");   // byte offsets must be those of the file itself
            if (requestedFrom > 0) {
                builder.header("Range", "bytes=" + requestedFrom + "-");
                readValidator().ifPresent(validator -> builder.header("If-Range", validator));
                log.info("Resuming {} from byte {}", url, requestedFrom);
            }
            return builder.build();
        }

        Completed receive(Response response) throws FetchException {
            int code = response.code();
            long position;
            long total;
            if (code == 416 && requestedFrom > 0) {
                return rangeNotSatisfiable(response);
            } else if (code == 206) {
                Matcher range = CONTENT_RANGE.matcher(Objects.requireNonNullElse(response.header("Content-Range"), ""));
                if (!range.matches() || Long.parseLong(range.group(1)) != requestedFrom) {
                    truncate();
                    throw FetchException.retryAtOnce("asked for bytes " + requestedFrom + "- but got another range;"
                            + " restarting from byte 0: " + url, url);
                }
                position = requestedFrom;
                total = range.group(3).equals("*") ? -1 : Long.parseLong(range.group(3));
            } else if (code == 200) {
                if (requestedFrom > 0) {
                    log.info("{} answered the range request with the whole file; restarting from byte 0", url);
                    truncate();
                }
                position = 0;
                total = response.body().contentLength();
            } else {
                throw FetchException.forStatus(code, url);
            }
            if (total > maxBytes) {
                throw FetchException.refused("the file is " + total + " bytes, more than the maximum of " + maxBytes
                        + " bytes; download aborted: " + url, url);
            }
            String contentType = response.header("Content-Type");
            BufferedSource source = response.body().source();
            if (position == 0) {
                checkIsAudio(source, contentType, total);
            } else if (!ContentSniffer.mayBeAudio(contentType)) {
                truncate();
                throw FetchException.retryAtOnce("the rest of the file was served as "
                        + ContentSniffer.describeContentType(contentType) + "; restarting from byte 0: " + url, url);
            }
            storeValidator(response);
            long bytes = copy(source, position, total);
            return new Completed(bytes, extension(contentType));
        }

        /** 416 to {@code bytes=N-}: the partial file may already be complete, else start over. */
        private Completed rangeNotSatisfiable(Response response) throws FetchException {
            Matcher unsatisfied = UNSATISFIED_RANGE.matcher(
                    Objects.requireNonNullElse(response.header("Content-Range"), ""));
            if (unsatisfied.matches() && Long.parseLong(unsatisfied.group(1)) == requestedFrom) {
                log.info("{}: the partial download already has all {} bytes", url, requestedFrom);
                return new Completed(requestedFrom, extension(null));
            }
            truncate();
            throw FetchException.retryAtOnce("HTTP 416 Range Not Satisfiable for bytes " + requestedFrom
                    + "-; restarting from byte 0: " + url, url);
        }

        private void checkIsAudio(BufferedSource source, String contentType, long total) throws FetchException {
            byte[] head;
            try {
                source.request(ContentSniffer.HEAD_BYTES);
                head = source.peek().readByteArray(Math.min(ContentSniffer.HEAD_BYTES, source.getBuffer().size()));
            } catch (IOException e) {
                throw FetchException.cut(url, 0, total, e);
            }
            ContentSniffer.Verdict verdict = ContentSniffer.sniff(head);
            String served = ContentSniffer.describeContentType(contentType);
            if (verdict.isNotAudio()) {
                String what = ContentSniffer.mayBeAudio(contentType) && contentType != null
                        ? "served " + served + " but the content is " + verdict.notAudio()
                        : "served " + served + " (" + verdict.notAudio() + ")";
                throw FetchException.refused(what + ", not audio: " + url, url);
            }
            if (!verdict.isAudio() && !ContentSniffer.mayBeAudio(contentType)) {
                throw FetchException.refused("served " + served + " and the content is no known audio format, not "
                        + "audio: " + url, url);
            }
            if (verdict.isAudio() && !ContentSniffer.mayBeAudio(contentType)) {
                log.warn("{} served {} but the content is {}; accepted", url, served, verdict.audio());
            }
        }

        private long copy(BufferedSource source, long position, long total) throws FetchException {
            byte[] buffer = new byte[64 * 1024];
            long have = position;
            try {
                channel.truncate(position);
                channel.position(position);
            } catch (IOException e) {
                throw FetchException.local("cannot write the partial download", url, e);
            }
            while (true) {
                int n;
                try {
                    n = source.read(buffer);
                } catch (IOException e) {
                    forceQuietly();
                    throw FetchException.cut(url, have, total, e);
                }
                if (n == -1) {
                    break;
                }
                if (have + n > maxBytes) {
                    throw FetchException.refused("the download passed the maximum of " + maxBytes
                            + " bytes; download aborted: " + url, url);
                }
                try {
                    channel.write(ByteBuffer.wrap(buffer, 0, n));
                } catch (IOException e) {
                    throw FetchException.local("cannot write the partial download", url, e);
                }
                have += n;
            }
            if (total > 0 && have != total) {
                forceQuietly();
                throw FetchException.cut(url, have, total,
                        new IOException("the body ended at " + have + " bytes, " + total + " were announced"));
            }
            try {
                channel.force(true);
            } catch (IOException e) {
                throw FetchException.local("cannot write the partial download", url, e);
            }
            return have;
        }

        /** From the file's first bytes, else the Content-Type, else the URL's own extension. */
        private String extension(String contentType) throws FetchException {
            ByteBuffer head = ByteBuffer.allocate(ContentSniffer.HEAD_BYTES);
            try {
                channel.read(head, 0);
            } catch (IOException e) {
                throw FetchException.local("cannot read the partial download", url, e);
            }
            Optional<AudioFormat> format = ContentSniffer.audioFormat(Arrays.copyOf(head.array(), head.position()));
            if (format.isPresent()) {
                return format.get().extension();
            }
            if (contentType != null) {
                String byMime = EXTENSION_BY_MIME.get(ContentSniffer.mime(contentType));
                if (byMime != null) {
                    return byMime;
                }
            }
            String path = httpUrl.encodedPath();
            int dot = path.lastIndexOf('.');
            if (dot > path.lastIndexOf('/')) {
                String ext = path.substring(dot + 1).toLowerCase(Locale.ROOT);
                if (AUDIO_EXTENSIONS.contains(ext)) {
                    return ext;
                }
            }
            return "audio";
        }

        private long partialSize() throws FetchException {
            try {
                return channel.size();
            } catch (IOException e) {
                throw FetchException.local("cannot read the partial download", url, e);
            }
        }

        private void truncate() throws FetchException {
            try {
                channel.truncate(0);
                Files.deleteIfExists(validatorFile);
            } catch (IOException e) {
                throw FetchException.local("cannot reset the partial download", url, e);
            }
        }

        private void forceQuietly() {
            try {
                channel.force(true);
            } catch (IOException e) {
                log.warn("Cannot flush the partial download of {}: {}", url, e.toString());
            }
        }

        /**
         * Keeps a strong ETag (or else Last-Modified) so a resume can send If-Range; one that cannot be sent back
         * (not ASCII) is not kept: the resume then goes without If-Range and the server's answer decides.
         */
        private void storeValidator(Response response) throws FetchException {
            String etag = FeedValidators.sendable(response.header("ETag"));
            String validator = etag != null && !etag.startsWith("W/") ? etag
                    : FeedValidators.sendable(response.header("Last-Modified"));
            try {
                if (validator == null) {
                    Files.deleteIfExists(validatorFile);
                } else {
                    Files.writeString(validatorFile, validator, StandardCharsets.UTF_8);
                }
            } catch (IOException e) {
                throw FetchException.local("cannot write " + validatorFile, url, e);
            }
        }

        private Optional<String> readValidator() throws FetchException {
            try {
                if (!Files.exists(validatorFile)) {
                    return Optional.empty();
                }
                return Optional.ofNullable(FeedValidators.sendable(Files.readString(validatorFile,
                        StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw FetchException.local("cannot read " + validatorFile, url, e);
            }
        }
    }
}
