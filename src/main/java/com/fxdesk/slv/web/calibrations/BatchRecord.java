package com.fxdesk.slv.web.calibrations;

import java.time.Instant;
import java.util.List;

/** What the store keeps of a batch (as JSON): its items' labels and job ids; their state lives with the jobs. */
record BatchRecord(String id, String owner, Instant createdAt, List<Entry> items) {

    /** tenor, quote, bump: the bumped quote, null for the base or a plain item */
    record Entry(String label, String jobId, String tenor, String quote, Double bump) {
    }
}
