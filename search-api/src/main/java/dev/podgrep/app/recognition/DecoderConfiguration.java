package dev.podgrep.app.recognition;

import dev.podgrep.app.PodgrepApplication;
import dev.podgrep.app.PodgrepProperties;
import dev.podgrep.transcribe.audio.ChildDecoderSettings;
import dev.podgrep.transcribe.audio.DecodingLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.system.ApplicationHome;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.File;
import java.util.List;

/**
 * How FFmpeg runs: in a child JVM per file (a crash or hang on a hostile file fails that file, never podgrep), for
 * transcriptions and for clips alike, holding decoded audio to {@code podgrep.ingest.max-audio-duration}.
 *
 * <p>The child must find the transcribe module and FFmpeg's jars. From a plain class path (Maven, an IDE) it is
 * started with this JVM's class path; from {@code podgrep.jar}, whose libraries are nested inside it, through Spring
 * Boot's {@code PropertiesLauncher} with {@code -Dloader.main} naming the decoder's main class.
 */
@Configuration(proxyBeanMethods = false)
class DecoderConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DecoderConfiguration.class);
    static final String BOOT_LAUNCHER = "org.springframework.boot.loader.launch.PropertiesLauncher";

    @Bean
    ChildDecoderSettings childDecoderSettings(PodgrepProperties properties) {
        ChildDecoderSettings settings = ChildDecoderSettings.fromCurrentJvm()
                .withLimits(new DecodingLimits(properties.ingest().maxAudioDuration()));
        File jar = new ApplicationHome(PodgrepApplication.class).getSource();
        if (jar != null && jar.isFile() && jar.getName().endsWith(".jar")) {
            settings = settings.withLaunchArguments(List.of("-cp", jar.getAbsolutePath(),
                    "-Dloader.main=" + ChildDecoderSettings.MAIN_CLASS, BOOT_LAUNCHER));
            log.debug("FFmpeg decodes in a child JVM launched from {}", jar);
        }
        return settings;
    }
}
