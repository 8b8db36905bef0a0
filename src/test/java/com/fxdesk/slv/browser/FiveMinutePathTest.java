package com.fxdesk.slv.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The README's five-minute path, exactly as a user runs it: examples/five-minute.sh (curl + jq) against the
 * running service. Skipped only when curl or jq is missing (.ci/run installs both).
 */
class FiveMinutePathTest extends BrowserTestSupport {

    @Test
    void theReadmeScriptRunsAgainstTheService() throws IOException, InterruptedException {
        Assumptions.assumeTrue(onPath("jq") && onPath("curl"), "the five-minute path needs curl and jq");
        Path out = Path.of("target", "five-minute");
        ProcessBuilder pb = new ProcessBuilder("bash", "examples/five-minute.sh").redirectErrorStream(true)
                .redirectOutput(Path.of("target", "five-minute.log").toFile());
        pb.environment().put("B", base());
        pb.environment().put("OUT", out.toString());
        pb.environment().put("KEY", API_KEY);
        Process p = pb.start();
        boolean done = p.waitFor(180, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        String log = Files.readString(Path.of("target", "five-minute.log"), StandardCharsets.UTF_8);
        assertThat(done).as("finished in 3 minutes: " + log).isTrue();
        assertThat(p.exitValue()).as(log).isZero();
        assertThat(log).contains("SUCCEEDED").contains("report:").contains("ladder:");
        assertThat(Files.readString(out.resolve("report.html"))).startsWith("<!DOCTYPE html>").contains("<svg");
        var ladder = JSON.readTree(Files.readString(out.resolve("ladder.json"))).get("results");
        assertThat(ladder.size()).isEqualTo(20 * 4);
    }

    @Test
    void theReadmeBlockRunsAsWritten() throws IOException, InterruptedException {
        Assumptions.assumeTrue(onPath("jq") && onPath("curl"), "the five-minute path needs curl and jq");
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        int section = readme.indexOf("## Five minutes");
        int start = readme.indexOf("```bash\n", section) + "```bash\n".length();
        String block = readme.substring(start, readme.indexOf("```", start));
        assertThat(block).contains("B=http://localhost:8080");
        // run from target/ (report.html lands there) with the market path taken from the repository root
        String script = "set -euo pipefail\n" + block.replace("B=http://localhost:8080", "B=" + base())
                .replace("M=examples/", "M=../examples/");
        assertThat(block).contains("KEY=" + API_KEY);
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", script).directory(Path.of("target").toFile())
                .redirectErrorStream(true)
                .redirectOutput(Path.of("target", "five-minute-readme.log").toFile());
        Process p = pb.start();
        boolean done = p.waitFor(180, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        String log = Files.readString(Path.of("target", "five-minute-readme.log"), StandardCharsets.UTF_8);
        assertThat(done).as(log).isTrue();
        assertThat(p.exitValue()).as(log).isZero();
        assertThat(log).contains("\"particles\": 2048").contains("\"verdict\"");
        assertThat(Files.readString(Path.of("target", "report.html"))).startsWith("<!DOCTYPE html>");
        assertThat(log.lines().filter(l -> l.matches("(up|down)-\\d+\t(BS|LV|HESTON|SLV)\t.*"))).hasSize(80);
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
