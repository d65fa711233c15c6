package updown.web;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;
import io.vertx.junit5.VertxExtension;
import updown.domain.PortfolioCommand;
import updown.domain.TradingState;
import updown.domain.Usd;
import updown.time.VirtualClock;

/**
 * The page in a real browser: Debian's headless Chromium driven through chromedriver, against the dashboard on bus
 * fakes (swap the backend in {@link DashboardHarness#start} for the real bot later). Every wait is on a condition.
 */
@Tag("e2e")
@ExtendWith(VertxExtension.class)
@DisplayName("dashboard page in headless Chromium")
class DashboardBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOT = Path.of("target", "dashboard.png");
    static final Path PHONE_SCREENSHOT = Path.of("target", "dashboard-phone.png");
    static final Path READ_ONLY_SCREENSHOT = Path.of("target", "dashboard-read-only.png");
    static final Path OFFLINE_SCREENSHOT = Path.of("target", "dashboard-offline.png");
    /** A dollar amount as the page writes it: sign, $, thousands separators, decimals. */
    private static final Pattern DOLLARS = Pattern.compile("\\$[0-9,]+(\\.[0-9]+)?");
    /** A time-axis label: KST, 24-hour, optionally the date under it ("19:05" or "19:05 05-12"). */
    private static final Pattern AXIS_LABEL = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?( \\d{2}-\\d{2})?");
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final VirtualClock clock = new VirtualClock(Samples.START);
    private FakePortfolio portfolio;
    private FakeTrader trader;
    private DashboardHarness h;
    private ChromeDriver driver;
    private WebDriverWait wait;

    @BeforeEach
    void start(Vertx vertx, @TempDir Path profile) throws Exception {
        assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
                .withFailMessage("%s and %s are needed for the browser test; .ci/run installs them "
                        + "(apt-get install -y chromium chromium-driver)", CHROMIUM, CHROMEDRIVER)
                .isTrue();
        portfolio = new FakePortfolio(clock, Usd.of("1234.56"));
        trader = new FakeTrader(Samples.markets(Samples.START));
        h = DashboardHarness.start(vertx, DashboardHarness.config(DashboardHarness.TOKEN), clock,
                List.of(portfolio, trader)).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=1280,2000");
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, WAIT);
    }

    @AfterEach
    void quit() {
        if (driver != null) {
            driver.quit();
        }
    }

    /** Script errors on the page (the console also lists the refused requests, which are expected). */
    private List<String> scriptErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage)
                .filter(m -> m.contains("Uncaught") || m.contains("TypeError") || m.contains("ReferenceError")
                        || m.contains("Content Security Policy"))
                .toList();
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /**
     * The rendered texts of the elements matching {@code css}, read in one script: the page re-renders its tables
     * on every push and poll, and an element found in one call can be gone (stale) by the next.
     */
    @SuppressWarnings("unchecked")
    private List<String> texts(String css) {
        return (List<String>) js("return Array.from(document.querySelectorAll(arguments[0]))"
                + ".map(function (e) { return e.innerText.trim(); });", css);
    }

    /** The card form of an amount: cents, half-even like the ledger, with thousands separators. */
    static String cents(Usd amount) {
        DecimalFormat f = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));
        return "$" + f.format(new BigDecimal(amount.format()).setScale(2, RoundingMode.HALF_EVEN));
    }

    /** Every dollar amount on the cards (values, their sub-lines) has exactly two decimals. */
    private void assertCardsInCents() {
        int amounts = 0;
        for (String line : texts(".card .value, .card .sub")) {
            Matcher m = DOLLARS.matcher(line);
            while (m.find()) {
                amounts++;
                assertThat(m.group(1)).as("'%s' in the card line '%s'", m.group(), line).hasSize(3);
            }
        }
        assertThat(amounts).as("dollar amounts on the cards").isGreaterThanOrEqualTo(8);
    }

    /** The page does not scroll sideways (a wide table may, inside its own box). */
    private boolean fitsWidth() {
        return (Boolean) js("return document.documentElement.scrollWidth <= document.documentElement.clientWidth"
                + " && document.body.scrollWidth <= document.documentElement.clientWidth");
    }

    private String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    private void waitForText(String id, String expected) {
        wait.withMessage(() -> "#" + id + " should read '" + expected + "' but reads '" + text(id) + "'")
                .until(d -> expected.equals(text(id)));
    }

    private void clickAndAnswerToken(String button, String token) {
        driver.findElement(By.id(button)).click();
        wait.withMessage("the page should ask for the token").until(d -> d.findElement(By.id("token")).isDisplayed());
        WebElement input = driver.findElement(By.id("token"));
        input.clear();
        if (!token.isEmpty()) {
            input.sendKeys(token);
        }
        driver.findElement(By.id("token-submit")).click();
    }

    private void waitForMessage(String kind, String contains) {
        wait.withMessage(() -> "the message should be " + kind + " with '" + contains + "' but is '"
                        + text("message") + "'")
                .until(d -> {
                    WebElement m = d.findElement(By.id("message"));
                    return m.isDisplayed() && kind.equals(m.getDomAttribute("data-kind"))
                            && m.getText().contains(contains);
                });
    }

    @Test
    @DisplayName("shows the balance, receives a new trade without reload, refuses stop without the token and "
            + "stops trading with it")
    void dashboard() throws IOException {
        clock.advance(Duration.ofMinutes(3));
        portfolio.open(Samples.directional("10", "0.50", "0.175", clock.instant()));
        clock.advance(Duration.ofMinutes(2));
        assertThat(portfolio.snapshot().balance().format()).isEqualTo("1224.385");

        driver.get(h.url("/"));
        // cards in cents (half-even), the full amount in the card's tooltip and in the table
        waitForText("balance", "$1,224.38");
        assertThat(driver.findElement(By.id("balance")).getDomAttribute("title")).isEqualTo("exactly $1,224.385");
        waitForText("state", "running");
        wait.until(d -> d.findElements(By.cssSelector("#trades tbody tr[data-trade-id='1']")).size() == 1);
        List<String> firstTrade = texts("#trades tbody tr[data-trade-id='1'] td");
        assertThat(firstTrade.get(1)).as("opened, in KST 24-hour").isEqualTo("05-12 19:03:00");
        assertThat(firstTrade.get(2)).as("the market series").isEqualTo("btc-5m");
        assertThat(firstTrade.get(8)).as("the fee in full").isEqualTo("$0.175");
        wait.withMessage("the equity chart should be drawn").until(d -> !d.findElements(By.cssSelector("#chart canvas"))
                .isEmpty());
        assertThat(driver.findElement(By.id("chart-empty")).isDisplayed()).isFalse();
        String axis = driver.findElement(By.id("chart")).getDomAttribute("data-time-axis");
        assertThat(axis.split(" \\| ")).as("time axis labels '%s'", axis)
                .allMatch(label -> AXIS_LABEL.matcher(label).matches())
                .anyMatch(label -> label.startsWith("19:"));
        assertCardsInCents();

        // the trading mode and the page's link to the bot are two different badges, worded apart
        assertThat(text("mode")).isEqualTo("PAPER");
        wait.withMessage("with a token on the server the command buttons are enabled").until(
                d -> d.findElement(By.id("stop")).isEnabled() && d.findElement(By.id("topup")).isEnabled());
        assertThat(driver.findElement(By.id("commands-note")).isDisplayed()).isFalse();

        // 1280 px: no sideways scrolling, and the trades' P&L column is in view without scrolling its table
        assertThat(fitsWidth()).as("no horizontal scroll at 1280 px").isTrue();
        assertThat((Boolean) js("var wrap = document.getElementById('trades').parentElement;"
                + "return document.getElementById('trades-pnl').getBoundingClientRect().right"
                + " <= wrap.getBoundingClientRect().right && wrap.scrollWidth <= wrap.clientWidth"))
                .as("the whole trades table, P&L included, fits at 1280 px").isTrue();

        // the bridge is open once a pushed message arrives; each poll of this wait publishes one heartbeat
        wait.withMessage("the page should receive dashboard.* messages over the bridge").until(d -> {
            trader.tick(Samples.freshTick(clock.instant()));
            Object n = ((JavascriptExecutor) d).executeScript("return document.body.dataset.bridgeMessages || '0'");
            return Integer.parseInt(String.valueOf(n)) > 0;
        });
        wait.withMessage("the connection badge should say connected").until(
                d -> "connected".equals(d.findElement(By.id("connection")).getDomAttribute("data-state")));
        assertThat(text("connection")).isEqualTo("connected to bot");
        // the bot goes on ticking (every 5 s live); each poll of this wait is one more heartbeat
        wait.withMessage("#feeds should read 'fresh'").until(d -> {
            trader.tick(Samples.freshTick(clock.instant()));
            return "fresh".equals(d.findElement(By.id("feeds")).getText());
        });

        // a trade published on the bus appears without a reload
        ((JavascriptExecutor) driver).executeScript("window.updownNoReload = true;");
        portfolio.open(Samples.arbWithZeroAltPrice(clock.instant()));
        wait.withMessage("the new trade should appear in the trades table").until(
                d -> d.findElements(By.cssSelector("#trades tbody tr[data-trade-id='2']")).size() == 1);
        assertThat(texts("#trades tbody tr[data-trade-id='2']")).singleElement().asString()
                .contains("ARB").contains("0.00").contains("arbitrage");
        waitForText("trades-count", "2 in total");
        assertThat(((JavascriptExecutor) driver).executeScript("return window.updownNoReload === true")).isEqualTo(true);
        waitForText("balance", cents(portfolio.snapshot().balance()));

        // stop without a token: the server refuses, the page says so, trading goes on
        clickAndAnswerToken("stop", "");
        waitForMessage("error", "401");
        assertThat(text("message")).contains("needs the dashboard token");
        clickAndAnswerToken("stop", "not-the-token");
        waitForMessage("error", "not valid");
        assertThat(portfolio.commands()).isEmpty();
        assertThat(portfolio.tradingState()).isEqualTo(TradingState.RUNNING);
        assertThat(text("state")).isEqualTo("running");

        // stop with the token: the portfolio stops and the page shows it
        clickAndAnswerToken("stop", DashboardHarness.TOKEN);
        waitForText("state", "stopped");
        waitForMessage("ok", "trading stopped");
        assertThat(portfolio.tradingState()).isEqualTo(TradingState.STOPPED);
        assertThat(portfolio.commands()).containsExactly(
                new PortfolioCommand.StopTrading("dashboard", CommandApi.DEFAULT_STOP_REASON));
        saveScreenshot(SCREENSHOT);

        // the token was asked once: resume uses the one kept for this tab
        driver.findElement(By.id("resume")).click();
        waitForText("state", "running");
        assertThat(driver.findElement(By.id("token-form")).isDisplayed()).isFalse();
        assertThat(portfolio.tradingState()).isEqualTo(TradingState.RUNNING);
        assertThat(portfolio.commands()).hasSize(2);
        assertThat(driver.getPageSource()).doesNotContain(DashboardHarness.TOKEN);

        // a phone-sized window: nothing wider than the screen except the scrollable tables
        driver.manage().window().setSize(new Dimension(390, 844));
        wait.withMessage("the page should fit a phone screen").until(d -> fitsWidth());
        assertCardsInCents();
        saveScreenshot(PHONE_SCREENSHOT);
        assertThat(scriptErrors()).isEmpty();
    }

    @Test
    @DisplayName("falls back to polling the REST API when the event-bus bridge cannot be reached, and says the bot "
            + "is unreachable when the API does not answer either")
    void pollingFallback() {
        // the browser itself refuses every request to the bridge, as a proxy without WebSocket support might
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of("*/eventbus/*")));
        driver.get(h.url("/"));
        waitForText("balance", "$1,234.56");
        wait.withMessage("the connection badge should say polling").until(
                d -> "polling".equals(d.findElement(By.id("connection")).getDomAttribute("data-state")));
        assertThat(text("connection")).isEqualTo("polling every 5 s");

        portfolio.open(Samples.directional("10", "0.50", "0.175", clock.instant()));
        wait.withMessage("a polled trade should appear without a reload").until(
                d -> d.findElements(By.cssSelector("#trades tbody tr[data-trade-id='1']")).size() == 1);
        waitForText("balance", cents(portfolio.snapshot().balance()));
        Object messages = driver.executeScript("return document.body.dataset.bridgeMessages || '0'");
        assertThat(messages).as("nothing came over the bridge").isEqualTo("0");

        // then the REST API stops answering too, as when the bot is gone: the link badge says so
        driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of("*/eventbus/*", "*/api/*")));
        wait.withMessage("the connection badge should say the bot is unreachable").until(
                d -> "unreachable".equals(d.findElement(By.id("connection")).getDomAttribute("data-state")));
        assertThat(text("connection")).isEqualTo("bot unreachable");
        assertThat(scriptErrors()).isEmpty();
    }

    @Test
    @DisplayName("without DASHBOARD_TOKEN the command buttons are disabled and say why; when the bot does not answer "
            + "the chart says there is no data yet instead of drawing an empty epoch axis")
    void readOnlyAndOffline(Vertx vertx) throws Exception {
        // a second dashboard on the same bus fakes, this one without a token
        DashboardHarness readOnly = DashboardHarness.start(vertx, DashboardHarness.config(""), clock, List.of())
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        driver.get(readOnly.url("/"));
        waitForText("balance", "$1,234.56");
        wait.withMessage("the page should learn from the status that commands are off").until(
                d -> "disabled".equals(d.findElement(By.id("controls")).getDomAttribute("data-commands")));
        for (String id : List.of("stop", "resume", "topup", "topup-amount")) {
            WebElement control = driver.findElement(By.id(id));
            assertThat(control.isEnabled()).as(id).isFalse();
            assertThat(control.getDomAttribute("title")).as(id).contains("DASHBOARD_TOKEN");
        }
        assertThat(text("commands-note")).contains("Read-only");
        saveScreenshot(READ_ONLY_SCREENSHOT);

        // a dashboard with nothing answering on its bus: the bot is not there
        Vertx empty = Vertx.vertx();
        try {
            DashboardHarness offline = DashboardHarness.start(empty, DashboardHarness.config(DashboardHarness.TOKEN),
                    clock, List.of()).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            driver.get(offline.url("/"));
            waitForMessage("error", "not answering");
            wait.withMessage("the chart should say there is no data yet").until(
                    d -> d.findElement(By.id("chart-empty")).isDisplayed());
            assertThat(text("chart-empty")).startsWith("No data yet");
            assertThat(driver.findElements(By.cssSelector("#chart canvas"))).as("no chart drawn").isEmpty();
            assertThat(driver.findElement(By.id("chart")).getDomAttribute("data-time-axis")).isNull();
            String page = driver.findElement(By.tagName("body")).getText();
            assertThat(page).doesNotContain("NaN").doesNotContain("1970").doesNotContain("Invalid");
            assertThat(driver.findElement(By.id("stop")).isEnabled()).as("commands wait for the status").isFalse();
            assertThat(fitsWidth()).isTrue();
            saveScreenshot(OFFLINE_SCREENSHOT);
        } finally {
            empty.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        assertThat(scriptErrors()).isEmpty();
    }

    private void saveScreenshot(Path target) throws IOException {
        File shot = driver.getScreenshotAs(OutputType.FILE);
        Files.createDirectories(target.getParent());
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    }
}
