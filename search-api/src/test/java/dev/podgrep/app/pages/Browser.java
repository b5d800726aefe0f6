package dev.podgrep.app.pages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;

/**
 * A real headless Chromium driven by Selenium for the pages' tests. The browser and its driver are found at
 * {@code -Dpodgrep.test.chrome=} / {@code -Dpodgrep.test.chromedriver=}, else at the usual Debian and Chrome paths
 * ({@code /usr/bin/chromium}, {@code /usr/bin/chromedriver}, ...), else Selenium Manager looks for (and, with
 * internet, downloads) one. Without any, the tests fail with a message that says how to install one: they are
 * never skipped.
 */
final class Browser implements AutoCloseable {

    static final int DESKTOP_WIDTH = 1280;
    static final int DESKTOP_HEIGHT = 900;
    static final int PHONE_WIDTH = 390;
    static final int PHONE_HEIGHT = 844;
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private static final List<String> BROWSERS = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
            "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable", "/opt/google/chrome/chrome");
    private static final List<String> DRIVERS = List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver",
            "/usr/local/bin/chromedriver");
    private static final ObjectMapper JSON = new ObjectMapper();

    final ChromeDriver driver;
    final Path downloads;

    private Browser(ChromeDriver driver, Path downloads) {
        this.driver = driver;
        this.downloads = downloads;
    }

    /** A browser whose preferred language is {@code acceptLanguage} (e.g. {@code en-US,en}), JavaScript on. */
    static Browser start(String acceptLanguage) {
        return start(acceptLanguage, true);
    }

    static Browser start(String acceptLanguage, boolean javascript) {
        Path downloads;
        try {
            downloads = Files.createTempDirectory("podgrep-downloads");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--autoplay-policy=no-user-gesture-required", "--mute-audio",
                "--window-size=" + DESKTOP_WIDTH + "," + DESKTOP_HEIGHT, "--lang=" + acceptLanguage.split(",")[0],
                "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-default-apps", "--hide-scrollbars");
        Map<String, Object> prefs = new HashMap<>();
        prefs.put("intl.accept_languages", acceptLanguage);
        prefs.put("download.default_directory", downloads.toAbsolutePath().toString());
        prefs.put("download.prompt_for_download", false);
        prefs.put("safebrowsing.enabled", false);
        if (!javascript) {
            prefs.put("profile.managed_default_content_settings.javascript", 2);
        }
        options.setExperimentalOption("prefs", prefs);
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));

        String browser = configured("podgrep.test.chrome", BROWSERS);
        String driverPath = configured("podgrep.test.chromedriver", DRIVERS);
        ChromeDriver driver;
        try {
            if (browser != null) {
                options.setBinary(browser);
            }
            if (driverPath != null) {
                // Chromium on Linux takes its own language (date fields, its messages) from LANGUAGE, not --lang;
                // with Debian's chromium-l10n a Russian reader's date field reads дд.мм.гггг, as at home
                String language = acceptLanguage.split(",")[0].strip();
                driver = new ChromeDriver(new ChromeDriverService.Builder()
                        .usingDriverExecutable(new File(driverPath)).usingAnyFreePort()
                        .withEnvironment(Map.of("LANGUAGE", language.replace('-', '_') + ":"
                                + language.split("-")[0]))
                        .build(), options);
            } else {
                driver = new ChromeDriver(options);   // Selenium Manager finds (or fetches) a matching driver
            }
        } catch (RuntimeException e) {
            throw new AssertionError("""
                    The pages' browser tests need Chrome or Chromium with its driver, and none could be started \
                    (looked for %s and %s, then asked Selenium Manager). Install them:
                      Debian/Ubuntu:  apt-get install chromium chromium-driver   (what .ci/run does in CI)
                      elsewhere:      install Google Chrome; Selenium Manager then fetches the driver
                    or point -Dpodgrep.test.chrome= and -Dpodgrep.test.chromedriver= at them. Cause: %s"""
                    .formatted(BROWSERS, DRIVERS, e.getMessage()), e);
        }
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return new Browser(driver, downloads);
    }

    private static String configured(String property, List<String> candidates) {
        String value = System.getProperty(property);
        if (value != null && !value.isBlank()) {
            return value;
        }
        return candidates.stream().filter(p -> Files.isExecutable(Path.of(p))).findFirst().orElse(null);
    }

    void open(String url) {
        driver.get(url);
        waitFor(d -> "complete".equals(js("return document.readyState")));
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    Object jsAsync(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeAsyncScript(script, args);
    }

    double number(String script, Object... args) {
        Object value = js(script, args);
        return value instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    <T> T waitFor(Function<WebDriver, T> condition) {
        return waitFor(Duration.ofSeconds(15), condition);
    }

    <T> T waitFor(Duration timeout, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, timeout, Duration.ofMillis(50)).until(condition);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    void size(int width, int height) {
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(width, height));
    }

    /** The console's errors since the last call (failed loads, uncaught exceptions, console.error). */
    List<String> consoleErrors() {
        List<String> errors = new ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                errors.add(entry.getMessage());
            }
        }
        return errors;
    }

    /**
     * A screenshot of the whole page under target/screenshots: the window is made as tall as the document for the
     * shot (so that sticky bars sit where they would at the top and bottom of the page), then given back its size.
     */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            org.openqa.selenium.Dimension window = driver.manage().window().getSize();
            int inner = (int) number("return window.innerHeight");
            int height = (int) Math.min(8000, number("return document.documentElement.scrollHeight"));
            js("window.scrollTo(0, 0)");
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(window.getWidth(),
                    window.getHeight() - inner + height));
            SearchPageBrowserTest.sleep(200);
            byte[] png = driver.getScreenshotAs(org.openqa.selenium.OutputType.BYTES);
            driver.manage().window().setSize(window);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, png);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** axe-core (from its WebJar) run on the page: the violations as axe reports them. */
    List<JsonNode> axeViolations() {
        if (!Boolean.TRUE.equals(js("return typeof window.axe === 'object'"))) {
            js(axeSource());
        }
        String result = (String) jsAsync("""
                var done = arguments[arguments.length - 1];
                axe.run(document, {resultTypes: ['violations']})
                   .then(function (r) { done(JSON.stringify(r.violations)); })
                   .catch(function (e) { done(JSON.stringify([{id: 'axe-error', impact: 'critical', help: String(e)}])); });
                """);
        try {
            List<JsonNode> violations = new ArrayList<>();
            JSON.readTree(result).forEach(violations::add);
            return violations;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String axeSource;

    private static synchronized String axeSource() {
        if (axeSource == null) {
            String version = webJarVersion();
            String path = "META-INF/resources/webjars/axe-core/" + version + "/axe.min.js";
            try (InputStream in = Browser.class.getClassLoader().getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalStateException("axe-core is not on the test class path at " + path);
                }
                axeSource = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return axeSource;
    }

    private static String webJarVersion() {
        String properties = "META-INF/maven/org.webjars.npm/axe-core/pom.properties";
        try (InputStream in = Browser.class.getClassLoader().getResourceAsStream(properties)) {
            java.util.Properties p = new java.util.Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("cannot read the axe-core WebJar's version from " + properties, e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
