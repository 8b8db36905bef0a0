package com.fxdesk.slv.web.dates;

import com.fxdesk.slv.market.FxDates;
import com.fxdesk.slv.web.errors.FieldViolation;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns the expiries of a request body that are given as tenors or ISO dates into ACT/365F year fractions, before
 * the body is bound and validated, so that the rest of the web layer and the engine see years only
 * (docs/dates.md). Where: market pillars' {@code expiry} (or only a {@code tenor}), grid {@code expiries},
 * {@code products[i].maturity}, {@code maturity} and {@code calibration.maturity}. A tenor that contradicts a
 * numeric expiry, a text that is neither tenor nor date, or a tenor without a valuation date is a violation naming
 * the field. The valuation date and the pair (spot lag) come from {@code market}, or for a pricing request by
 * {@code calibrationId} from the calibration's market.
 */
public final class RequestDates {

    /** What a calibration's market says about dates. */
    public record DateContext(LocalDate valuationDate, String pair) {
    }

    private final Function<String, Optional<DateContext>> calibrations;

    public RequestDates(Function<String, Optional<DateContext>> calibrations) {
        this.calibrations = calibrations;
    }

    /** Resolves in place; returns the violations (empty: every date-like field is now a number or untouched). */
    public List<FieldViolation> resolve(ObjectNode body) {
        List<FieldViolation> out = new ArrayList<>();
        DateContext ctx = context(body);
        JsonNode market = body.get("market");
        if (market instanceof ObjectNode m) {
            resolveMarket(m, ctx, out);
        }
        resolveValue(body, "maturity", "maturity", ctx, out);
        if (body.get("calibration") instanceof ObjectNode c) {
            resolveValue(c, "maturity", "calibration.maturity", ctx, out);
        }
        if (body.get("products") instanceof ArrayNode products) {
            for (int i = 0; i < products.size(); i++) {
                if (products.get(i) instanceof ObjectNode p) {
                    resolveValue(p, "maturity", "products[" + i + "].maturity", ctx, out);
                }
            }
        }
        return out;
    }

    private DateContext context(ObjectNode body) {
        if (body.get("market") instanceof ObjectNode m) {
            JsonNode d = m.get("valuationDate");
            LocalDate date = null;
            if (d != null && d.isString()) {
                try {
                    date = LocalDate.parse(d.asString());
                } catch (DateTimeParseException e) {
                    date = null; // binding reports the malformed date itself
                }
            }
            JsonNode pair = m.get("pair");
            return new DateContext(date, pair != null && pair.isString() ? pair.asString() : null);
        }
        JsonNode id = body.get("calibrationId");
        if (id != null && id.isString()) {
            return calibrations.apply(id.asString()).orElse(new DateContext(null, null));
        }
        return new DateContext(null, null);
    }

    private void resolveMarket(ObjectNode market, DateContext ctx, List<FieldViolation> out) {
        JsonNode vol = market.get("volatility");
        if (vol == null || !vol.isObject()) {
            return;
        }
        if (vol.get("quotes") instanceof ObjectNode quotes && quotes.get("pillars") instanceof ArrayNode pillars) {
            for (int i = 0; i < pillars.size(); i++) {
                if (pillars.get(i) instanceof ObjectNode p) {
                    resolvePillar(p, "market.volatility.quotes.pillars[" + i + "]", ctx, out);
                }
            }
        }
        if (vol.get("grid") instanceof ObjectNode grid && grid.get("expiries") instanceof ArrayNode expiries) {
            for (int i = 0; i < expiries.size(); i++) {
                JsonNode e = expiries.get(i);
                if (e.isString()) {
                    Double t = years(e.asString(), "market.volatility.grid.expiries[" + i + "]", ctx, out);
                    if (t != null) {
                        expiries.set(i, t);
                    }
                }
            }
        }
    }

    private void resolvePillar(ObjectNode p, String path, DateContext ctx, List<FieldViolation> out) {
        JsonNode tenorNode = p.get("tenor");
        JsonNode expiry = p.get("expiry");
        FxDates.Tenor tenor = null;
        if (tenorNode != null && tenorNode.isString()) {
            try {
                tenor = FxDates.Tenor.parse(tenorNode.asString());
            } catch (IllegalArgumentException e) {
                out.add(new FieldViolation(path + ".tenor", e.getMessage()));
                return;
            }
        }
        if (expiry != null && expiry.isString()) {
            Double t = years(expiry.asString(), path + ".expiry", ctx, out);
            if (t == null) {
                return;
            }
            p.put("expiry", t);
            expiry = p.get("expiry");
        }
        if ((expiry == null || expiry.isNull()) && tenor != null) {
            if (ctx.valuationDate() == null) {
                out.add(new FieldViolation(path + ".expiry", "required: give it (years or an ISO date), or give "
                        + "market.valuationDate so that it follows from tenor " + tenor));
                return;
            }
            p.put("expiry", FxDates.yearFraction(ctx.valuationDate(),
                    FxDates.schedule(ctx.valuationDate(), tenor, FxDates.spotLag(ctx.pair())).expiry()));
            return;
        }
        if (tenor != null && expiry != null && expiry.isNumber()) {
            String why = contradiction(tenor, expiry.asDouble(), ctx);
            if (why != null) {
                out.add(new FieldViolation(path + ".expiry", why));
            }
        }
    }

    /** With a valuation date, against the tenor's conventional expiry; without one, against its nominal length. */
    private static String contradiction(FxDates.Tenor tenor, double expiry, DateContext ctx) {
        if (ctx.valuationDate() != null) {
            return FxDates.contradiction(ctx.valuationDate(), tenor, FxDates.spotLag(ctx.pair()), expiry);
        }
        double nominal = switch (tenor.unit()) {
            case OVERNIGHT -> 1.0 / 365;
            case DAY -> tenor.amount() / 365.0;
            case WEEK -> 7.0 * tenor.amount() / 365;
            case MONTH -> tenor.amount() / 12.0;
            case YEAR -> tenor.amount();
        };
        // no dates: allow the spot lag and weekend rolls on top of the usual tolerance
        double tol = FxDates.tolerance(nominal) + 4.0 / 365;
        if (Math.abs(expiry - nominal) <= tol) {
            return null;
        }
        if (!(Math.abs(expiry) < 1000)) {
            return String.format(Locale.ROOT, "tenor %s is about %.4f years but the expiry is not a plausible year "
                    + "fraction", tenor, nominal);
        }
        return String.format(Locale.ROOT, "tenor %s is about %.4f years but the expiry is %.4f years: more than "
                + "%.0f days apart (give market.valuationDate for the exact date rules)", tenor, nominal, expiry,
                tol * 365);
    }

    private void resolveValue(ObjectNode node, String name, String path, DateContext ctx, List<FieldViolation> out) {
        JsonNode v = node.get(name);
        if (v != null && v.isString()) {
            Double t = years(v.asString(), path, ctx, out);
            if (t != null) {
                node.put(name, t);
            }
        }
    }

    private static Double years(String text, String path, DateContext ctx, List<FieldViolation> out) {
        if (ctx.valuationDate() == null) {
            out.add(new FieldViolation(path, "'" + text + "' is a tenor or a date: it needs market.valuationDate "
                    + "(or give the expiry in years, ACT/365F)"));
            return null;
        }
        try {
            return FxDates.expiryYearFraction(ctx.valuationDate(), text, FxDates.spotLag(ctx.pair()));
        } catch (IllegalArgumentException e) {
            out.add(new FieldViolation(path, e.getMessage()));
            return null;
        }
    }
}
