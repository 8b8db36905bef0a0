package com.fxdesk.slv.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RoundTripBucketTest {

    @Test
    void bucketsGroupOneDeltaAcrossExpiries() {
        assertEquals("25C", RoundTrip.deltaBucket("1Y 25C"));
        assertEquals("25C", RoundTrip.deltaBucket("5Y 25C"));
        assertEquals("ATM", RoundTrip.deltaBucket("1W ATM"));
        assertEquals("K", RoundTrip.deltaBucket("K"));
        assertEquals("", RoundTrip.deltaBucket(null));
    }
}
