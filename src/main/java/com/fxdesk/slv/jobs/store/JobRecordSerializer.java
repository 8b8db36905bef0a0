package com.fxdesk.slv.jobs.store;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import java.time.Instant;

/**
 * Compact serialisation of a job record: members need no class of ours (they query status, owner, batchId and
 * leaseUntil by field name), the bytes are deterministic (compare-and-set compares them) and a record is a few
 * hundred bytes.
 */
public final class JobRecordSerializer implements CompactSerializer<JobRecord> {
    public static final String TYPE = "slv.JobRecord";

    @Override
    public JobRecord read(CompactReader in) {
        return new JobRecord(in.readString("id"), in.readString("kind"), in.readString("owner"),
                in.readString("batchId"), JobStatus.valueOf(in.readString("status")), in.readFloat64("progress"),
                in.readString("phase"), in.readBoolean("cancelRequested"), in.readString("error"),
                instant(in.readNullableInt64("createdAt")), instant(in.readNullableInt64("startedAt")),
                instant(in.readNullableInt64("finishedAt")), instant(in.readNullableInt64("updatedAt")),
                in.readInt32("attempts"), in.readString("worker"), instant(in.readNullableInt64("leaseUntil")));
    }

    @Override
    public void write(CompactWriter out, JobRecord r) {
        out.writeString("id", r.id());
        out.writeString("kind", r.kind());
        out.writeString("owner", r.owner());
        out.writeString("batchId", r.batchId());
        out.writeString("status", r.status().name());
        out.writeFloat64("progress", r.progress());
        out.writeString("phase", r.phase());
        out.writeBoolean("cancelRequested", r.cancelRequested());
        out.writeString("error", r.error());
        out.writeNullableInt64("createdAt", millis(r.createdAt()));
        out.writeNullableInt64("startedAt", millis(r.startedAt()));
        out.writeNullableInt64("finishedAt", millis(r.finishedAt()));
        out.writeNullableInt64("updatedAt", millis(r.updatedAt()));
        out.writeInt32("attempts", r.attempts());
        out.writeString("worker", r.worker());
        out.writeNullableInt64("leaseUntil", millis(r.leaseUntil()));
    }

    @Override
    public String getTypeName() {
        return TYPE;
    }

    @Override
    public Class<JobRecord> getCompactClass() {
        return JobRecord.class;
    }

    private static Long millis(Instant t) {
        return t == null ? null : t.toEpochMilli();
    }

    private static Instant instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }
}
