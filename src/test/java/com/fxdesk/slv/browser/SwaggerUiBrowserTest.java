package com.fxdesk.slv.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/**
 * Swagger UI in a real browser: every operation's every named request example is executed unchanged (picked in
 * the example list, then Execute), and a 2xx response must render.
 */
class SwaggerUiBrowserTest extends BrowserTestSupport {

    /** The operations with request examples, from the served spec, in the spec's path order, and their examples. */
    private Map<String, List<String>> examplesByOperation() {
        JsonNode spec = json(get("/v3/api-docs"));
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (var path : spec.get("paths").properties()) {
            JsonNode post = path.getValue().get("post");
            JsonNode examples = post == null ? null : post.at("/requestBody/content/application~1json/examples");
            if (examples != null && !examples.isMissingNode() && examples.size() > 0) {
                List<String> names = new ArrayList<>();
                examples.properties().forEach(e -> names.add(e.getKey()));
                out.put(post.get("operationId").asString() + " " + path.getKey(), names);
            }
        }
        return out;
    }

    @Test
    void everyRequestExampleRunsUnchangedFromSwaggerUi() {
        Map<String, List<String>> operations = examplesByOperation();
        assertThat(operations).as("POST operations with examples").hasSizeGreaterThanOrEqualTo(5);
        try (Chromium chromium = Chromium.start()) {
            var driver = chromium.driver;
            driver.get(base() + "/swagger-ui.html");
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
            wait.until(d -> !d.findElements(By.cssSelector(".opblock")).isEmpty());
            chromium.authorizeSwaggerUi(API_KEY);
            List<String> ran = new ArrayList<>();
            for (Map.Entry<String, List<String>> op : operations.entrySet()) {
                String path = op.getKey().substring(op.getKey().indexOf(' ') + 1);
                WebElement block = driver.findElement(By.xpath("//div[contains(@class,'opblock-post')]"
                        + "[.//*[contains(@class,'opblock-summary-path') and @data-path='" + path + "']]"));
                scroll(driver, block);
                block.findElement(By.cssSelector(".opblock-summary")).click();
                wait.until(d -> !block.findElements(By.cssSelector("button.try-out__btn")).isEmpty());
                block.findElement(By.cssSelector("button.try-out__btn")).click();
                for (int i = 0; i < op.getValue().size(); i++) {
                    String example = op.getValue().get(i);
                    if (example.contains("by-calibration-id")) {
                        awaitLatestCalibration();
                    }
                    Select select = new Select(block.findElement(
                            By.cssSelector(".opblock-section-request-body .examples-select select")));
                    select.selectByIndex(i);
                    List<WebElement> clear = block.findElements(By.cssSelector("button.btn-clear"));
                    if (!clear.isEmpty()) {
                        clear.get(0).click();
                    }
                    long t0 = System.nanoTime();
                    WebElement execute = block.findElement(By.cssSelector("button.execute"));
                    scroll(driver, execute);
                    execute.click();
                    WebDriverWait slow = new WebDriverWait(driver, Duration.ofSeconds(120));
                    String status = slow.until(d -> {
                        List<WebElement> s = block.findElements(
                                By.cssSelector(".live-responses-table tbody .response-col_status"));
                        // the cell reads "202" (or "202\nUndocumented" if the spec lacks the code)
                        return s.isEmpty() || s.get(0).getText().isBlank() ? null : s.get(0).getText().trim();
                    });
                    String body = block.findElement(By.cssSelector(".live-responses-table tbody .response-col_description"))
                            .getText();
                    assertThat(status).as(example + " → " + body.substring(0, Math.min(600, body.length())))
                            .matches("2\\d\\d");  // a documented 2xx: no "Undocumented" beside it
                    assertThat(body).as(example + ": a rendered response body").contains("{");
                    ran.add(example);
                    System.out.printf("swagger-ui example %s: %s in %.1f s%n", example, status,
                            (System.nanoTime() - t0) / 1e9);
                }
            }
            assertThat(ran).hasSizeGreaterThanOrEqualTo(10);
        }
    }

    private void awaitLatestCalibration() {
        long end = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < end) {
            // "latest" is this client's newest SUCCEEDED job: wait until the calibration examples just run (and any
            // job another test class left) have finished, so that it is the example's EURUSD calibration
            HttpResponse<String> list = get("/api/v1/calibrations");
            boolean busy = list.statusCode() != 200 || list.body().contains("\"QUEUED\"")
                    || list.body().contains("\"RUNNING\"");
            if (!busy && get("/api/v1/calibrations/latest").statusCode() == 200) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void scroll(org.openqa.selenium.WebDriver driver, WebElement e) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", e);
    }
}
