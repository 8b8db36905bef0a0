package com.fxdesk.slv.web.calibrations;

import com.fxdesk.slv.jobs.JobService;
import com.fxdesk.slv.jobs.store.JobRecord;
import com.fxdesk.slv.jobs.store.JobStatus;
import com.fxdesk.slv.web.errors.EngineRejectedException;
import com.fxdesk.slv.web.errors.FieldViolation;
import com.fxdesk.slv.web.errors.InvalidInputException;
import com.fxdesk.slv.web.errors.Violations;
import com.fxdesk.slv.web.market.MarketDto;
import com.fxdesk.slv.web.market.VolPillarDto;
import com.fxdesk.slv.web.market.VolQuotesDto;
import com.fxdesk.slv.web.market.VolatilityDto;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Batches of calibrations: each item is an ordinary job in the store (so the replicas share them out as they
 * claim them), tied together by a batch record. Bumped variants are built here from the base market's quotes.
 */
@Service
public class BatchService {
    static final List<String> QUOTES = List.of("atm", "rr25", "bf25", "rr10", "bf10");
    static final List<String> DEFAULT_QUOTES = List.of("atm", "rr25", "bf25");
    static final double DEFAULT_BUMP = 0.01;
    static final double MAX_BUMP = 0.05;

    private final CalibrationRequestValidator validator;
    private final SlvCalibrationService calibration;
    private final JobService jobs;
    private final JsonMapper json;

    public BatchService(CalibrationRequestValidator validator, SlvCalibrationService calibration, JobService jobs,
                        JsonMapper json) {
        this.validator = validator;
        this.calibration = calibration;
        this.jobs = jobs;
        this.json = json;
    }

    /** path: where the item's fields are in the request; note: which bumped variant (null for items) */
    private record Planned(BatchRecord.Entry entry, CalibrationRequest request, String path, String note) {
    }

    /** Validates, queues every item (all or none: QueueFullException) and returns the batch id. */
    public BatchRecord submit(BatchRequest request, String owner) {
        List<Planned> plan = plan(request);
        String batchId = UUID.randomUUID().toString();
        List<String> requests = new ArrayList<>(plan.size());
        for (Planned p : plan) {
            requests.add(calibration.toJson(p.request()));
        }
        List<JobRecord> queued = jobs.submitAll(SlvCalibrationService.KIND, owner, batchId, requests);
        List<BatchRecord.Entry> entries = new ArrayList<>(plan.size());
        for (int i = 0; i < plan.size(); i++) {
            BatchRecord.Entry e = plan.get(i).entry();
            entries.add(new BatchRecord.Entry(e.label(), queued.get(i).id(), e.tenor(), e.quote(), e.bump()));
        }
        BatchRecord batch = new BatchRecord(batchId, owner, Instant.now().truncatedTo(ChronoUnit.MILLIS), entries);
        jobs.putBatch(batchId, json.writeValueAsString(batch));
        return batch;
    }

    public Optional<BatchRecord> find(String id, String client) {
        return jobs.batch(id).map(s -> json.readValue(s, BatchRecord.class))
                .filter(b -> java.util.Objects.equals(b.owner(), client));
    }

    /** Cancels every item that has not finished. */
    public void cancel(BatchRecord batch) {
        for (BatchRecord.Entry e : batch.items()) {
            jobs.cancel(e.jobId());
        }
    }

    public BatchView view(BatchRecord batch) {
        Map<String, JobRecord> byId = new HashMap<>();
        for (JobRecord r : jobs.list(batch.owner(), batch.id())) {
            byId.put(r.id(), r);
        }
        Map<JobStatus, Integer> counts = new EnumMap<>(JobStatus.class);
        List<BatchView.ItemView> items = new ArrayList<>();
        TreeSet<String> replicas = new TreeSet<>();
        double progress = 0;
        double maxRt = Double.NaN;
        Instant finished = null;
        boolean allFinal = true;
        for (BatchRecord.Entry e : batch.items()) {
            JobRecord r = byId.get(e.jobId());
            if (r == null) { // expired or deleted on its own
                items.add(new BatchView.ItemView(e.label(), e.jobId(), e.tenor(), e.quote(), e.bump(), null, 0,
                        "no longer in the store", null, null, null, null));
                continue;
            }
            counts.merge(r.status(), 1, Integer::sum);
            progress += r.progress();
            allFinal &= r.status().isFinal();
            if (r.status().isFinal() && (finished == null || r.finishedAt().isAfter(finished))) {
                finished = r.finishedAt();
            }
            JsonNode heston = null;
            Double rt = null;
            Double total = null;
            if (r.status() == JobStatus.SUCCEEDED) {
                if (r.worker() != null) {
                    replicas.add(r.worker());
                }
                JsonNode result = jobs.result(r.id()).orElse(null);
                if (result != null) {
                    heston = result.get("heston");
                    rt = number(result.at("/diagnostics/roundTrip/maxErrorBps"));
                    total = number(result.at("/diagnostics/timings/totalMs"));
                    if (rt != null && !(rt <= maxRt)) {
                        maxRt = rt;
                    }
                }
            }
            items.add(new BatchView.ItemView(e.label(), e.jobId(), e.tenor(), e.quote(), e.bump(), r.status(),
                    r.progress(), r.error(), r.status().isFinal() ? r.worker() : null, heston, rt, total));
        }
        int n = batch.items().size();
        String status = !allFinal || counts.isEmpty() ? (counts.getOrDefault(JobStatus.RUNNING, 0) > 0
                || counts.keySet().stream().anyMatch(JobStatus::isFinal) ? "RUNNING" : "QUEUED")
                : counts.containsKey(JobStatus.FAILED) ? "FAILED"
                : counts.containsKey(JobStatus.CANCELLED) ? "CANCELLED" : "SUCCEEDED";
        Double wall = allFinal && finished != null
                ? (double) Duration.between(batch.createdAt(), finished).toMillis() : null;
        return new BatchView(batch.id(), status, n == 0 ? 0 : progress / n, n, counts, batch.createdAt(),
                allFinal ? finished : null, wall, replicas.isEmpty() ? null : List.copyOf(replicas),
                Double.isNaN(maxRt) ? null : maxRt, items);
    }

    private static Double number(JsonNode n) {
        return n != null && n.isNumber() ? n.asDouble() : null;
    }

    /** The batch's calibrations, every one validated and checked by the engine before any is queued. */
    List<Planned> plan(BatchRequest r) {
        Violations v = new Violations();
        boolean hasItems = r.items() != null;
        boolean hasBase = r.base() != null || r.bumps() != null;
        if (hasItems == hasBase) {
            v.add(hasItems ? "base" : "items", hasItems ? "give either items or base with bumps, not both"
                    : "give items, or base with bumps");
            v.throwIfAny();
        }
        List<Planned> plan = hasItems ? items(r.items(), v) : bumps(r.base(), r.bumps(), v);
        v.throwIfAny();
        if (plan.size() > jobs.maxBatchItems()) {
            throw new InvalidInputException(hasItems ? "items" : "bumps", "the batch has " + plan.size()
                    + " calibrations; at most " + jobs.maxBatchItems() + " are allowed");
        }
        for (Planned p : plan) {
            prefixed(p, () -> validator.validate(p.request()));
        }
        for (Planned p : plan) {
            prefixed(p, () -> calibration.prepare(p.request()));
        }
        return plan;
    }

    private List<Planned> items(List<BatchRequest.Item> items, Violations v) {
        if (items.isEmpty()) {
            v.add("items", "needs at least one item");
        }
        List<Planned> out = new ArrayList<>();
        for (int i = 0; i < items.size() && i <= jobs.maxBatchItems(); i++) {
            BatchRequest.Item it = items.get(i);
            String path = "items[" + i + "]";
            if (it == null || it.request() == null) {
                v.add(path + ".request", "is required");
                continue;
            }
            String label = it.label() != null && !it.label().isBlank() ? it.label() : String.valueOf(i);
            if (label.length() > 200) {
                v.add(path + ".label", "at most 200 characters");
            }
            out.add(new Planned(new BatchRecord.Entry(label, null, null, null, null), it.request(),
                    path + ".request", null));
        }
        if (items.size() > jobs.maxBatchItems()) {
            v.add("items", "has " + items.size() + " items; at most " + jobs.maxBatchItems() + " are allowed");
        }
        return out;
    }

    private List<Planned> bumps(CalibrationRequest base, BatchRequest.Bumps bumps, Violations v) {
        if (!v.required("base", base) || !v.required("bumps", bumps)) {
            return List.of();
        }
        double size = bumps.size() != null ? bumps.size() : DEFAULT_BUMP;
        if (bumps.size() != null) {
            v.range("bumps.size", bumps.size(), 0, true, MAX_BUMP);
        }
        List<String> quotes = bumps.quotes() != null ? bumps.quotes() : DEFAULT_QUOTES;
        if (quotes.isEmpty()) {
            v.add("bumps.quotes", "needs at least one of " + QUOTES);
        }
        for (int i = 0; i < quotes.size(); i++) {
            if (quotes.get(i) == null || !QUOTES.contains(quotes.get(i).toLowerCase(Locale.ROOT))) {
                v.add("bumps.quotes[" + i + "]", "must be one of " + QUOTES);
            }
        }
        MarketDto m = base.market();
        VolQuotesDto q = m != null && m.volatility() != null ? m.volatility().quotes() : null;
        if (q == null || q.pillars() == null) {
            v.add("base.market.volatility.quotes", "bumps need a market quoted as ATM/RR/BF pillars");
            return List.of();
        }
        List<String> tenors = bumps.tenors();
        if (tenors != null) {
            for (int i = 0; i < tenors.size(); i++) {
                String t = tenors.get(i);
                if (q.pillars().stream().noneMatch(p -> p != null && p.tenor() != null && p.tenor().equals(t))) {
                    v.add("bumps.tenors[" + i + "]", "no pillar with tenor " + t);
                }
            }
        }
        if (!v.isEmpty()) {
            return List.of();
        }
        List<Planned> out = new ArrayList<>();
        if (bumps.includeBase() == null || bumps.includeBase()) {
            out.add(new Planned(new BatchRecord.Entry("base", null, null, null, null), base, "base", null));
        }
        for (int i = 0; i < q.pillars().size(); i++) {
            VolPillarDto p = q.pillars().get(i);
            if (p == null || (tenors != null && !tenors.contains(p.tenor()))) {
                continue;
            }
            String tenor = p.tenor() != null ? p.tenor() : String.format(Locale.ROOT, "%.4fY", p.expiry());
            for (String quote : quotes) {
                String k = quote.toLowerCase(Locale.ROOT);
                if (quoteOf(p, k) == null) {
                    continue; // a pillar without 10-delta quotes
                }
                for (double sign : new double[] {1, -1}) {
                    double d = sign * size;
                    CalibrationRequest bumped = withPillar(base, i, bump(p, k, d));
                    String label = String.format(Locale.ROOT, "%s %s %+.4f", tenor, k, d);
                    out.add(new Planned(new BatchRecord.Entry(label, null, tenor, k, d), bumped, "base",
                            "bumped variant " + label + ": "));
                }
            }
        }
        return out;
    }

    private static Double quoteOf(VolPillarDto p, String k) {
        return switch (k) {
            case "atm" -> p.atm();
            case "rr25" -> p.rr25();
            case "bf25" -> p.bf25();
            case "rr10" -> p.rr10();
            default -> p.bf10();
        };
    }

    private static VolPillarDto bump(VolPillarDto p, String k, double d) {
        Function<Double, Double> plus = x -> x + d;
        return new VolPillarDto(p.tenor(), p.expiry(), k.equals("atm") ? plus.apply(p.atm()) : p.atm(),
                k.equals("rr25") ? plus.apply(p.rr25()) : p.rr25(), k.equals("bf25") ? plus.apply(p.bf25()) : p.bf25(),
                k.equals("rr10") ? plus.apply(p.rr10()) : p.rr10(), k.equals("bf10") ? plus.apply(p.bf10()) : p.bf10(),
                p.deltaType(), p.premiumAdjusted());
    }

    private static CalibrationRequest withPillar(CalibrationRequest r, int index, VolPillarDto pillar) {
        MarketDto m = r.market();
        VolQuotesDto q = m.volatility().quotes();
        List<VolPillarDto> pillars = new ArrayList<>(q.pillars());
        pillars.set(index, pillar);
        VolQuotesDto nq = new VolQuotesDto(q.deltaType(), q.premiumAdjusted(), q.atmType(), q.butterflyType(), pillars);
        MarketDto nm = new MarketDto(m.pair(), m.valuationDate(), m.spot(), m.domesticRate(), m.foreignRate(),
                new VolatilityDto(nq, m.volatility().grid()));
        return new CalibrationRequest(nm, r.heston(), r.mixing(), r.particles(), r.timeStepDays(), r.maturity(),
                r.estimator(), r.spotGridSize(), r.seed(), r.roundTrip(), r.leverage());
    }

    /** Runs a check whose violations name fields of one item; reports them under the item's path. */
    private static void prefixed(Planned p, Runnable check) {
        try {
            check.run();
        } catch (InvalidInputException e) {
            throw new InvalidInputException(prefix(p, e.violations()));
        } catch (EngineRejectedException e) {
            throw new EngineRejectedException((p.note() != null ? p.note() : p.path() + ": ") + e.getMessage(),
                    prefix(p, e.violations()));
        }
    }

    private static List<FieldViolation> prefix(Planned p, List<FieldViolation> vs) {
        String note = p.note() != null ? p.note() : "";
        return vs.stream().map(f -> new FieldViolation(f.field() == null || f.field().isEmpty() ? p.path()
                : p.path() + "." + f.field(), note + f.message())).toList();
    }
}
