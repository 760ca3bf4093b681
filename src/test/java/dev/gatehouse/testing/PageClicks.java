package dev.gatehouse.testing;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;

/**
 * Clicks in a real browser that wait for the page a click loads. Many of Gatehouse's pages answer a form
 * with a page of the same heading, so a heading check alone can pass on the old page, and a navigation
 * the test starts then cuts the form's answer short.
 */
public final class PageClicks {
    private PageClicks() {}

    /**
     * Clicks {@code target}; when that loads a page (a link that is not a download, or a form the browser
     * lets through; not a dialog or copy control of console.js), waits until the new page has loaded.
     */
    public static void click(WebDriver driver, WebElement target) {
        var js = (JavascriptExecutor) driver;
        boolean loadsPage = Boolean.TRUE.equals(js.executeScript(
                "const e = arguments[0];"
                        + "if (e.closest('[data-open-dialog],[data-close-dialog],[data-copy]')) return false;"
                        + "if (e.tagName === 'A') return !!e.getAttribute('href') && !e.hasAttribute('download');"
                        + "return e.type === 'submit' && !!e.form && e.form.checkValidity();", target));
        // A new page has a new window object, without this mark.
        js.executeScript("window.gatehouseOldPage = true;");
        target.click();
        if (!loadsPage) return;
        new WebDriverWait(driver, Duration.ofSeconds(15))
                .ignoring(WebDriverException.class) // while the navigation swaps documents
                .until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                        "return window.gatehouseOldPage === undefined && document.readyState === 'complete';")));
    }
}
