package dev.gatehouse.console;

import dev.gatehouse.testing.Chromium;
import dev.gatehouse.testing.PageClicks;
import dev.gatehouse.testing.TempDirectories;
import dev.gatehouse.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One Gatehouse on H2 and one headless chromium per test class, signed in to the console as the
 * bootstrap administrator through the console's own authorization-code flow.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ConsoleBrowserTestBase {
    TestServer server;
    WebDriver driver;
    Path downloads;

    @BeforeAll
    void startAndSignIn() {
        Chromium.assumeInstalled();
        server = TestServer.start(TestServer.Db.H2);
        downloads = TempDirectories.create("gatehouse-downloads");
        driver = Chromium.start(downloads);
        signIn(TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        heading("API clients");
    }

    @AfterAll
    void stop() {
        if (driver != null) driver.quit();
        if (server != null) server.close();
        TempDirectories.delete(downloads);
    }

    /** Opens the console and signs in on Gatehouse's sign-in pages. */
    void signIn(String email, String password) {
        open("/console");
        heading("Sign in");
        field("Email").sendKeys(email);
        press("Continue");
        heading("Enter your password");
        field("Password").sendKeys(password);
        press("Sign in");
    }

    void open(String path) {
        driver.get(server.baseUrl() + path);
    }

    /** The form control a label names. */
    WebElement field(String label) {
        WebElement l = driver.findElement(By.xpath("//label[normalize-space()='" + label + "']"));
        return driver.findElement(By.id(l.getAttribute("for")));
    }

    void fill(String label, String value) {
        WebElement f = field(label);
        f.clear();
        f.sendKeys(value);
    }

    void press(String text) {
        click(driver.findElement(
                By.xpath("//button[normalize-space()='" + text + "'] | //a[normalize-space()='" + text + "']")));
    }

    /** Presses the button named {@code text} inside the element with id {@code section}. */
    void pressIn(String section, String text) {
        click(driver.findElement(By.id(section)).findElement(By.xpath(".//button[normalize-space()='" + text + "']")));
    }

    private void click(WebElement target) {
        PageClicks.click(driver, target);
    }

    void heading(String text) {
        new WebDriverWait(driver, Duration.ofSeconds(15)).until(ExpectedConditions.textToBe(By.tagName("h1"), text));
    }

    String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    String notice() {
        return driver.findElement(By.cssSelector(".notice")).getText();
    }

    /** The console's session cookie, to send requests of one's own as this browser. */
    String sessionCookie() {
        Cookie c = driver.manage().getCookieNamed("gatehouse_console");
        assertThat(c).as("console session cookie").isNotNull();
        return c.getName() + "=" + c.getValue();
    }

    TestServer.Response postAsBrowser(String path, Map<String, String> form) {
        return server.send("POST", path, Map.of("Cookie", sessionCookie(),
                "Content-Type", "application/x-www-form-urlencoded"), TestServer.form(form));
    }

    void screenshot(String name) {
        Chromium.screenshot(driver, name);
    }
}
