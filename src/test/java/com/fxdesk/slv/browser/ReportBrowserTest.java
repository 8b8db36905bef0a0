package com.fxdesk.slv.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/** The calibration report in a real browser: it renders, logs no console error, and the screenshot is not blank. */
class ReportBrowserTest extends BrowserTestSupport {

    @Test
    void theReportRendersWithoutConsoleErrors() throws IOException {
        String body = "{\"market\": " + Files.readString(Path.of("examples/markets/usdjpy-2018-03-15.json"))
                + ", \"particles\": 2048, \"maturity\": \"2Y\", \"roundTrip\": {\"enabled\": true, \"paths\": 20000}}";
        var r = post("/api/v1/calibrations?wait=true", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode job = json(r);
        String report = job.get("links").get("report").asString();
        try (Chromium chromium = Chromium.start()) {
            var driver = chromium.driver;
            chromium.sendApiKey(API_KEY);
            driver.get(base() + report);
            new WebDriverWait(driver, Duration.ofSeconds(30))
                    .until(d -> d.findElements(By.tagName("svg")).size() >= 5);
            assertThat(driver.getTitle()).contains("USDJPY");
            List<String> errors = chromium.consoleErrors();
            assertThat(errors).as("console errors").isEmpty();
            // every chart has drawn content, and the round-trip table has a row per expiry
            Long emptySvgs = (Long) driver.executeScript("return Array.from(document.querySelectorAll('svg'))"
                    + ".filter(s => s.getBBox().width < 50 || s.querySelectorAll('polyline,circle,rect').length < 3)"
                    + ".length;");
            assertThat(emptySvgs).isZero();
            assertThat(driver.findElements(By.cssSelector("table.rt tr")).size()).isGreaterThan(5);

            // the whole page in one screenshot (kept in target/ for a look)
            Long height = (Long) driver.executeScript("return document.documentElement.scrollHeight;");
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(1400, (int) Math.min(height + 40, 9000)));
            byte[] png = driver.getScreenshotAs(OutputType.BYTES);
            Files.createDirectories(Path.of("target"));
            Files.write(Path.of("target", "report-screenshot.png"), png);
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            assertThat(colours(image)).as("distinct colours in the screenshot").isGreaterThan(50);
        }
    }

    private static int colours(BufferedImage image) {
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                seen.add(image.getRGB(x, y));
            }
        }
        return seen.size();
    }
}
