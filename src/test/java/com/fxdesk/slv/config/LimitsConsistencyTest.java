package com.fxdesk.slv.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fxdesk.slv.calibration.SlvCalibrationInput;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The shipped limits admit the documented set-ups, and agree with each other. */
class LimitsConsistencyTest {
    /** EURUSD 2018 pillars: 1W … 5Y. */
    private static final double[] EURUSD = {7 / 365.0, 1 / 12.0, 2 / 12.0, 0.25, 0.5, 0.75, 1, 2, 3, 5};

    private static Properties shipped() throws IOException {
        Properties p = new Properties();
        try (InputStream in = LimitsConsistencyTest.class.getResourceAsStream("/application.properties")) {
            p.load(in);
        }
        return p;
    }

    @Test
    void documentedSetUpsFitTheJobBudgetAndHeavierOnesDoNot() throws IOException {
        long budget = Long.parseLong(shipped().getProperty("slv.limits.max-job-work"));
        int paths = 100_000; // the default round trip
        // README / docs set-ups: 2,048 and 100,000 particles to 5Y at the default 5-day and at 1-day regression
        for (int n : new int[] {2048, 30_000, 100_000}) {
            for (int dt : new int[] {5, 1}) {
                var grid = SlvCalibrationInput.gridSize(5.0, dt, n, EURUSD, Double.POSITIVE_INFINITY);
                long work = SlvCalibrationInput.work(n, grid, paths);
                assertTrue(work <= budget, n + " particles, " + dt + "-day: work " + work + " > " + budget);
            }
        }
        // 100,000 particles to 30Y at 1-day regression is several times over (minutes of work)
        var grid = SlvCalibrationInput.gridSize(30.0, 1, 100_000, EURUSD, Double.POSITIVE_INFINITY);
        assertTrue(SlvCalibrationInput.work(100_000, grid, paths) > 3 * budget);
    }

    @Test
    void regressionSamplesFitInTheBody() throws IOException {
        Properties p = shipped();
        long body = Long.parseLong(p.getProperty("slv.limits.max-body-bytes"));
        long samples = Long.parseLong(p.getProperty("slv.limits.max-regression-samples"));
        // x and y arrays of full-precision doubles, e.g. "-1.2345678901234567E-10," (24 bytes), plus the envelope
        assertTrue(samples * 2 * 24 + 4096 <= body, samples + " samples do not fit in " + body + " bytes");
    }

    @Test
    void propertiesFileAndRecordDefaultsAgree() throws Exception {
        Properties p = shipped();
        var ctor = LimitsProperties.class.getRecordComponents();
        assertEquals("maxJobWork", ctor[6].getName());
        var defaults = LimitsProperties.class.getDeclaredConstructors()[0].getParameters();
        for (String key : new String[] {"max-body-bytes", "max-job-work", "max-regression-samples"}) {
            String camel = toCamel(key);
            boolean found = false;
            for (var param : defaults) {
                var dv = param.getAnnotation(org.springframework.boot.context.properties.bind.DefaultValue.class);
                if (dv != null && param.getName().equals(camel)) {
                    assertEquals(p.getProperty("slv.limits." + key), dv.value()[0], key);
                    found = true;
                }
            }
            assertTrue(found, camel);
        }
    }

    private static String toCamel(String key) {
        StringBuilder sb = new StringBuilder();
        boolean up = false;
        for (char c : key.toCharArray()) {
            if (c == '-') {
                up = true;
            } else {
                sb.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return sb.toString();
    }
}
