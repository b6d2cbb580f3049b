/**
 * Tests of the browser app in a real headless Chromium: Selenium drives Debian's {@code chromium} through
 * its {@code chromedriver} ({@code apt-get install chromium chromium-driver}; nothing is ever downloaded),
 * against a real sandbox server with a real H2 database. They are {@code *IT} classes, run by Failsafe in
 * {@code mvn verify}; run one alone with
 * <pre>
 * mvn -o -pl sandbox-server verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=StaticPagesIT
 * </pre>
 *
 * <h2>Writing a browser test</h2>
 * <pre>{@code
 * @DisplayName("The lab")
 * class LabFlowIT {
 *
 *     @RegisterExtension
 *     static final BrowserSession browser = new BrowserSession();   // one Chromium for the class
 *
 *     @RegisterExtension
 *     static final WebApp app = new WebApp();   // a real server: ../web, the lessons, a fresh H2, a free port
 *
 *     @Test
 *     @DisplayName("runs the hello function and shows its REPORT line")
 *     void runsHello() {
 *         browser.open(app.uri("/lab.html"));
 *         browser.waitFor(By.id("invoke")).click();
 *         browser.waitForText(By.id("log"), "REPORT RequestId");
 *         Screenshots.save(browser, "lab-after-invoke");
 *         Accessibility.assertNoSeriousViolations(browser, "lab-after-invoke");
 *         assertEquals(List.of(), browser.consoleErrors(), "the lab should log no error");
 *     }
 * }
 * }</pre>
 *
 * <h2>The helpers</h2>
 * <ul>
 *   <li>{@link dev.faaslab.web.BrowserSession}: starts Chromium before the class's first test (a second or
 *       more, so one per class), quits after the last; saves {@code target/screenshots/failed-<class>-<test>.png}
 *       when a test fails. {@code open(uri)} returns once the page has loaded. Implicit waits are off:
 *       wait with {@code waitFor(By)} (visible), {@code waitForText(By, text)}, {@code waitForGone(By)} or
 *       {@code waitUntil(condition, what)}; each gives up after 30 s with a message saying what it waited
 *       for, and returns as soon as its condition holds. {@code consoleErrors()} lists the console's errors
 *       since the page was opened (uncaught exceptions, {@code console.error}, failed requests);
 *       {@code driver()} gives the {@code ChromeDriver} for anything else.</li>
 *   <li>{@code useColorScheme(ColorScheme.DARK)} emulates {@code prefers-color-scheme: dark} (through
 *       DevTools' {@code Emulation.setEmulatedMedia}) for every page opened afterwards, until changed back;
 *       a test that changes it sets the scheme it wants before opening, since the browser is shared.</li>
 *   <li>{@link dev.faaslab.web.Accessibility#assertNoSeriousViolations}: runs axe-core (WCAG 2.0-2.2 A and AA
 *       and best practices, the script from the axe jar) on the current page, writes everything to
 *       {@code target/axe/<page>.json}, and fails with one line per serious or critical violation and the
 *       selector of each failing element. Moderate and minor ones are only counted on standard output.</li>
 *   <li>{@link dev.faaslab.web.Screenshots#save}: the whole page (not just the 1280x900 window) as
 *       {@code target/screenshots/<name>.png}.</li>
 * </ul>
 *
 * <h2>What every page gets without a test of its own</h2>
 * {@link dev.faaslab.web.StaticPagesIT} finds every {@code .html} file under {@code web/} and checks it in
 * both colour schemes: a title, one {@code main} landmark, a visible {@code h1}, no console error, no
 * serious or critical axe violation, and a screenshot ({@code <page>-light.png}, {@code <page>-dark.png}).
 * A page that needs server state or a query string to make sense gets a flow test of its own as well.
 *
 * <h2>Things learned the hard way</h2>
 * <ul>
 *   <li>axe takes an element with no background colour anywhere beneath it to be on white, even in dark
 *       mode (axe-core issues 3605 and 4608), so a page with {@code color-scheme: light dark} and no
 *       background of its own fails {@code color-contrast} in the dark scheme although it looks right. Set the
 *       page's colours outright, e.g. {@code :root { background: Canvas; color: CanvasText; }} or the theme's
 *       own colours.</li>
 *   <li>Chromium asks every site for {@code /favicon.ico}; {@code consoleErrors()} ignores that one 404, so a
 *       page without an icon is not a failure. Any other failed request is.</li>
 *   <li>Selenium Manager (which downloads drivers and browsers) runs only when Selenium is not given a
 *       driver; {@code BrowserSession} always gives it {@code /usr/bin/chromedriver} and fails if
 *       {@code ~/.cache/selenium} appears. Keep it so: never {@code new ChromeDriver()} without the service.</li>
 *   <li>Never assert how long something took in the browser: the machine is slow and shared. Wait for the
 *       state instead.</li>
 * </ul>
 */
package dev.faaslab.web;
