package updown.web;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
        String balance = "$" + portfolio.snapshot().balance().format();
        assertThat(balance).isEqualTo("$1224.385");

        driver.get(h.url("/"));
        waitForText("balance", balance);
        waitForText("state", "running");
        wait.until(d -> d.findElements(By.cssSelector("#trades tbody tr[data-trade-id='1']")).size() == 1);
        wait.withMessage("the equity chart should be drawn").until(d -> !d.findElements(By.cssSelector("#chart canvas"))
                .isEmpty());

        // the bridge is open once a pushed message arrives; each poll of this wait publishes one heartbeat
        wait.withMessage("the page should receive dashboard.* messages over the bridge").until(d -> {
            trader.tick(Samples.freshTick(clock.instant()));
            Object n = ((JavascriptExecutor) d).executeScript("return document.body.dataset.bridgeMessages || '0'");
            return Integer.parseInt(String.valueOf(n)) > 0;
        });
        wait.withMessage("the connection badge should say live").until(
                d -> "live".equals(d.findElement(By.id("connection")).getDomAttribute("data-state")));
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
        WebElement newRow = driver.findElement(By.cssSelector("#trades tbody tr[data-trade-id='2']"));
        assertThat(newRow.getText()).contains("ARB").contains("0.00").contains("arbitrage");
        waitForText("trades-count", "2 in total");
        assertThat(((JavascriptExecutor) driver).executeScript("return window.updownNoReload === true")).isEqualTo(true);
        waitForText("balance", "$" + portfolio.snapshot().balance().format());

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
        wait.withMessage("the page should fit a phone screen").until(d -> (Boolean) ((JavascriptExecutor) d)
                .executeScript("return document.documentElement.scrollWidth <= window.innerWidth"));
        saveScreenshot(PHONE_SCREENSHOT);
        assertThat(scriptErrors()).isEmpty();
    }

    @Test
    @DisplayName("falls back to polling the REST API when the event-bus bridge cannot be reached")
    void pollingFallback() {
        // the browser itself refuses every request to the bridge, as a proxy without WebSocket support might
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of("*/eventbus/*")));
        driver.get(h.url("/"));
        waitForText("balance", "$1234.56");
        wait.withMessage("the connection badge should say polling").until(
                d -> "polling".equals(d.findElement(By.id("connection")).getDomAttribute("data-state")));

        portfolio.open(Samples.directional("10", "0.50", "0.175", clock.instant()));
        wait.withMessage("a polled trade should appear without a reload").until(
                d -> d.findElements(By.cssSelector("#trades tbody tr[data-trade-id='1']")).size() == 1);
        waitForText("balance", "$" + portfolio.snapshot().balance().format());
        Object messages = driver.executeScript("return document.body.dataset.bridgeMessages || '0'");
        assertThat(messages).as("nothing came over the bridge").isEqualTo("0");
        assertThat(scriptErrors()).isEmpty();
    }

    private void saveScreenshot(Path target) throws IOException {
        File shot = driver.getScreenshotAs(OutputType.FILE);
        Files.createDirectories(target.getParent());
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    }
}
