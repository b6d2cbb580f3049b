package dev.faaslab.web;

import com.sun.security.auth.module.UnixSystem;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.ScriptTimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium for a test class, driven through Debian's chromedriver. Register it with
 * {@code @RegisterExtension static final BrowserSession browser = new BrowserSession();}: it starts before
 * the class's first test, saves a screenshot of any test that fails, and quits after the last one.
 *
 * <p>Nothing is ever downloaded: the driver is given to Selenium by path, so Selenium Manager (which would
 * fetch a driver or a browser) is never run, and a missing browser fails the test with the command that
 * installs it. Implicit waits stay off; wait for what a test needs with {@link #waitFor} and friends.
 */
public final class BrowserSession implements BeforeAllCallback, AfterAllCallback, AfterTestExecutionCallback,
        AutoCloseable {

    /**
     * The browser app's files, as the module's tests see them (Maven runs them in {@code sandbox-server});
     * absolute and normalized, since Jetty warns of a web root reached through {@code ..} as an alias.
     */
    public static final Path WEB_ROOT = Path.of("..", "web").toAbsolutePath().normalize();

    /** Debian's; other systems can name theirs with {@code -Dfaaslab.chromium=…} and {@code -Dfaaslab.chromedriver=…}. */
    static final Path CHROMIUM = Path.of(System.getProperty("faaslab.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("faaslab.chromedriver", "/usr/bin/chromedriver"));

    /** Where Selenium Manager would leave what it downloads; it must never appear. */
    static final Path SELENIUM_CACHE = Path.of(System.getProperty("user.home"), ".cache", "selenium");

    /**
     * Long, because it only costs time when something is wrong: a wait ends as soon as its condition
     * holds, and this machine is slow and shared.
     */
    static final Duration PATIENCE = Duration.ofSeconds(30);

    /**
     * Selenium warns at each start that it has no DevTools module for this Chromium's version. None is
     * needed: {@code executeCdpCommand} goes through chromedriver. Held here so the setting is not collected.
     */
    private static final Logger CDP_VERSION_WARNINGS = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    static {
        CDP_VERSION_WARNINGS.setLevel(Level.SEVERE);
    }

    /** Chromium asks every site for this icon unasked; a page without one is not broken. */
    private static final String FAVICON_NOT_FOUND = "/favicon.ico - Failed to load resource";

    private final Path chromium;
    private final Path chromedriver;
    private ChromeDriver driver;
    private Duration startup;
    private final List<LogEntry> consoleEntries = new ArrayList<>();

    /** A session with Debian's chromium and chromedriver. */
    public BrowserSession() {
        this(CHROMIUM, CHROMEDRIVER);
    }

    BrowserSession(Path chromium, Path chromedriver) {
        this.chromium = chromium;
        this.chromedriver = chromedriver;
    }

    /** Starts Chromium now; {@link #beforeAll} calls this, so a registered extension needs no call. */
    public void start() {
        if (driver != null) {
            return;
        }
        requireInstalled(chromium, "chromium");
        requireInstalled(chromedriver, "chromedriver");
        boolean seleniumCacheExisted = Files.exists(SELENIUM_CACHE);

        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless=new", "--disable-dev-shm-usage", "--window-size=1280,900",
                "--lang=en-US", "--no-first-run", "--no-default-browser-check",
                // In target, so that mvn clean takes it: left to itself Chromium keeps one under ~/.cache per run.
                "--disk-cache-dir=" + Path.of("target", "chromium-cache").toAbsolutePath());
        if (runningAsRoot()) {
            // Chromium refuses to start its sandbox as root (CI's containers); a user keeps the sandbox.
            options.addArguments("--no-sandbox");
        }
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);

        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .build();
        long started = System.nanoTime();
        driver = new ChromeDriver(service, options);
        startup = Duration.ofNanos(System.nanoTime() - started);
        driver.manage().timeouts().implicitlyWait(Duration.ZERO);
        System.out.printf("Chromium %s started in %d ms%n",
                driver.getCapabilities().getBrowserVersion(), startup.toMillis());

        if (!seleniumCacheExisted && Files.exists(SELENIUM_CACHE)) {
            throw new AssertionError("Selenium Manager ran and left " + SELENIUM_CACHE
                    + ": the browser tests must use the system chromedriver and download nothing");
        }
    }

    private static void requireInstalled(Path executable, String name) {
        if (!Files.isExecutable(executable)) {
            throw new AssertionError("The browser tests need " + name + " at " + executable
                    + ", from Debian's packages: apt-get install chromium chromium-driver");
        }
    }

    private static boolean runningAsRoot() {
        return new UnixSystem().getUid() == 0;
    }

    /** The driver, for anything these helpers do not cover. */
    public ChromeDriver driver() {
        requireStarted();
        return driver;
    }

    /** How long Chromium and its driver took to start. */
    public Duration startup() {
        requireStarted();
        return startup;
    }

    /**
     * Opens {@code uri} and returns once the document and its scripts have loaded; {@link #consoleErrors}
     * starts afresh for the new page.
     */
    public void open(URI uri) {
        clearConsole();
        driver().get(uri.toString());
        waitUntil(ignored -> "complete".equals(driver.executeScript("return document.readyState")), "the page to load");
    }

    /** Emulates the reader's preferred colour scheme from now on, across pages, until changed again. */
    public void useColorScheme(ColorScheme scheme) {
        driver().executeCdpCommand("Emulation.setEmulatedMedia", Map.of(
                "features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme.mediaValue()))));
    }

    /** The first element {@code locator} finds once it is visible. */
    public WebElement waitFor(By locator) {
        return new WebDriverWait(driver(), PATIENCE)
                .withMessage(() -> "waited " + PATIENCE.toSeconds() + " s for " + locator + " to be visible")
                .until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    /** The first element {@code locator} finds once its text contains {@code text}. */
    public WebElement waitForText(By locator, String text) {
        new WebDriverWait(driver(), PATIENCE)
                .withMessage(() -> "waited " + PATIENCE.toSeconds() + " s for " + locator + " to contain \""
                        + text + "\"; its text: " + textOf(locator))
                .until(ExpectedConditions.textToBePresentInElementLocated(locator, text));
        return driver.findElement(locator);
    }

    /** Returns once nothing {@code locator} finds is visible (or there is nothing to find). */
    public void waitForGone(By locator) {
        new WebDriverWait(driver(), PATIENCE)
                .withMessage(() -> "waited " + PATIENCE.toSeconds() + " s for " + locator + " to disappear")
                .until(ExpectedConditions.invisibilityOfElementLocated(locator));
    }

    /** Returns once {@code condition} holds; {@code what} finishes "waited 30 s for …" when it never does. */
    public <T> T waitUntil(ExpectedCondition<T> condition, String what) {
        return waitUntil(condition, what, PATIENCE);
    }

    /**
     * As {@link #waitUntil(ExpectedCondition, String)}, for work that takes longer than a page does even when all is
     * well (an experiment of many invocations, a graded submission): the wait still ends as soon as it holds.
     */
    public <T> T waitUntil(ExpectedCondition<T> condition, String what, Duration patience) {
        // A page busy with a long run (a stream of logs, charts redrawn) on a loaded machine can leave a script
        // unanswered for a while (chromedriver's script timeout): that is not yet, not never.
        return new WebDriverWait(driver(), patience)
                .withMessage(() -> "waited " + patience.toSeconds() + " s for " + what)
                .ignoring(ScriptTimeoutException.class)
                .until(condition);
    }

    private String textOf(By locator) {
        List<WebElement> found = driver.findElements(locator);
        return found.isEmpty() ? "(no such element)" : "\"" + found.getFirst().getText() + "\"";
    }

    /**
     * The console's errors (uncaught exceptions, {@code console.error}, failed requests, but not the missing
     * {@code /favicon.ico} that Chromium asks for by itself) since the page was
     * opened or since the last {@link #clearConsole}. Chromium hands each entry over once, so they are kept here.
     */
    public List<String> consoleErrors() {
        consoleEntries.addAll(driver().manage().logs().get(LogType.BROWSER).getAll());
        return consoleEntries.stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(message -> !message.contains(FAVICON_NOT_FOUND))
                .toList();
    }

    /**
     * An attribute of the first element {@code selector} matches (null when none), read in one step, so an
     * element the page replaces meanwhile cannot go stale under the test.
     */
    public String attribute(String selector, String name) {
        return (String) driver().executeScript(
                "const e = document.querySelector(arguments[0]); return e && e.getAttribute(arguments[1]);", selector, name);
    }

    /** How a browser test ends: a screenshot of the page saved as {@code name}, and no error in the console. */
    public void finish(String name) {
        Screenshots.save(this, name);
        List<String> errors = consoleErrors();
        if (!errors.isEmpty()) {
            throw new AssertionError("the page (" + name + ") logged errors: " + errors);
        }
    }

    /** Forgets the console entries so far: a test that expects an error clears it before the next check. */
    public void clearConsole() {
        consoleErrors();
        consoleEntries.clear();
    }

    private void requireStarted() {
        if (driver == null) {
            throw new IllegalStateException("the browser is not started: register BrowserSession with "
                    + "@RegisterExtension on a static field, or call start()");
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        // A failed browser test is much easier to read beside a picture of what the browser showed.
        if (context.getExecutionException().isPresent() && driver != null) {
            try {
                Screenshots.save(this, "failed-" + context.getRequiredTestClass().getSimpleName() + "-"
                        + context.getDisplayName());
            } catch (RuntimeException e) {
                context.getExecutionException().get().addSuppressed(e);
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        if (driver != null) {
            try {
                driver.quit();
            } finally {
                driver = null;
            }
        }
    }
}
