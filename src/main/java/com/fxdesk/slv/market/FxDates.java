package com.fxdesk.slv.market;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * FX option date rules: spot lag, tenor → expiry and delivery dates, ACT/365F year fractions (docs/dates.md).
 *
 * <p>Business days are Monday to Friday: no holiday calendars are applied, so a date can differ from a dealer's by the
 * holidays between the valuation and the expiry (a day or two, well inside {@link #tolerance}). The engine works in
 * year fractions to expiry; the few days between expiry and delivery (the premium's and the payoff's settlement) are
 * not discounted separately.
 */
public final class FxDates {

    /** Currencies that settle T+1 against USD (the market convention for USDCAD, USDTRY, USDPHP, USDRUB, USDKZT). */
    private static final Set<String> T_PLUS_ONE_AGAINST_USD = Set.of("CAD", "TRY", "PHP", "RUB", "KZT");

    private static final Pattern TENOR = Pattern.compile("(\\d{1,3})([DWMY])");

    private FxDates() {
    }

    public enum Unit { OVERNIGHT, DAY, WEEK, MONTH, YEAR }

    /** A tenor such as ON, 3D, 1W, 6M, 18M, 2Y. */
    public record Tenor(int amount, Unit unit) {

        public Tenor {
            if (amount < 1 || (unit == Unit.OVERNIGHT && amount != 1)) {
                throw new IllegalArgumentException("a tenor needs a positive amount");
            }
        }

        /** Parses "ON", "O/N" or a number followed by D, W, M or Y (case-insensitive); throws with the reason. */
        public static Tenor parse(String text) {
            String t = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
            if (t.equals("ON") || t.equals("O/N")) {
                return new Tenor(1, Unit.OVERNIGHT);
            }
            Matcher m = TENOR.matcher(t);
            if (!m.matches() || Integer.parseInt(m.group(1)) == 0) {
                throw new IllegalArgumentException("'" + text + "' is not a tenor (ON, or a positive number of "
                        + "D, W, M or Y such as 1W, 6M, 2Y)");
            }
            Unit unit = switch (m.group(2)) {
                case "D" -> Unit.DAY;
                case "W" -> Unit.WEEK;
                case "M" -> Unit.MONTH;
                default -> Unit.YEAR;
            };
            return new Tenor(Integer.parseInt(m.group(1)), unit);
        }

        /** True if text looks like a tenor (so a caller can tell a tenor from an ISO date). */
        public static boolean looksLike(String text) {
            String t = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
            return t.equals("ON") || t.equals("O/N") || TENOR.matcher(t).matches();
        }

        @Override
        public String toString() {
            return unit == Unit.OVERNIGHT ? "ON" : amount + unit.name().substring(0, 1);
        }
    }

    /** An option's expiry and delivery (settlement) dates. */
    public record Schedule(LocalDate expiry, LocalDate delivery) {
    }

    /**
     * Business days from trade date to spot date: 1 for USD against CAD, TRY, PHP, RUB or KZT, 2 otherwise (also for
     * crosses such as EURCAD, and for names that are not six-letter pairs).
     */
    public static int spotLag(String pair) {
        if (pair == null || pair.length() != 6) {
            return 2;
        }
        String base = pair.substring(0, 3).toUpperCase(Locale.ROOT);
        String quote = pair.substring(3).toUpperCase(Locale.ROOT);
        boolean usd = base.equals("USD") || quote.equals("USD");
        String other = base.equals("USD") ? quote : base;
        return usd && T_PLUS_ONE_AGAINST_USD.contains(other) ? 1 : 2;
    }

    public static boolean isBusinessDay(LocalDate d) {
        DayOfWeek w = d.getDayOfWeek();
        return w != DayOfWeek.SATURDAY && w != DayOfWeek.SUNDAY;
    }

    public static LocalDate addBusinessDays(LocalDate d, int n) {
        LocalDate x = d;
        int step = n >= 0 ? 1 : -1;
        for (int left = Math.abs(n); left > 0; ) {
            x = x.plusDays(step);
            if (isBusinessDay(x)) {
                left--;
            }
        }
        return x;
    }

    /** The spot date of a trade (or expiry) date: lag business days later. */
    public static LocalDate spotDate(LocalDate trade, int lag) {
        return addBusinessDays(trade, lag);
    }

    /**
     * Expiry and delivery of a tenor traded on the valuation date:
     * <ul>
     * <li>ON: expiry the next business day;</li>
     * <li>days and weeks: expiry the valuation date plus the calendar days (following business day);</li>
     * <li>months and years: delivery the spot date plus the months, end-of-month rule (spot on the last business
     * day of its month → delivery on the last business day of the target month), otherwise modified following;
     * expiry the business day whose spot date is the delivery, that is lag business days before it;</li>
     * <li>for ON, days and weeks the delivery is the expiry's spot date.</li>
     * </ul>
     */
    public static Schedule schedule(LocalDate valuation, Tenor tenor, int lag) {
        switch (tenor.unit()) {
            case OVERNIGHT, DAY, WEEK -> {
                LocalDate expiry = switch (tenor.unit()) {
                    case OVERNIGHT -> addBusinessDays(valuation, 1);
                    case DAY -> following(valuation.plusDays(tenor.amount()));
                    default -> following(valuation.plusWeeks(tenor.amount()));
                };
                return new Schedule(expiry, spotDate(expiry, lag));
            }
            default -> {
                int months = tenor.unit() == Unit.YEAR ? 12 * tenor.amount() : tenor.amount();
                LocalDate spot = spotDate(valuation, lag);
                LocalDate raw = spot.plusMonths(months);
                LocalDate delivery = spot.equals(lastBusinessDayOfMonth(spot)) ? lastBusinessDayOfMonth(raw)
                        : modifiedFollowing(raw);
                LocalDate expiry = addBusinessDays(delivery, -lag);
                // the expiry must come after the valuation date even for the shortest month tenor
                return new Schedule(expiry.isAfter(valuation) ? expiry : addBusinessDays(valuation, 1), delivery);
            }
        }
    }

    /** ACT/365F: calendar days / 365. */
    public static double yearFraction(LocalDate from, LocalDate to) {
        return ChronoUnit.DAYS.between(from, to) / 365.0;
    }

    /**
     * The ACT/365F year fraction from the valuation date to the expiry a text names: a tenor (its conventional
     * expiry) or an ISO date (yyyy-mm-dd, which must lie after the valuation date). Throws with the reason.
     */
    public static double expiryYearFraction(LocalDate valuation, String tenorOrDate, int lag) {
        return yearFraction(valuation, expiryDate(valuation, tenorOrDate, lag));
    }

    /** The expiry date a tenor or an ISO date names; see {@link #expiryYearFraction}. */
    public static LocalDate expiryDate(LocalDate valuation, String tenorOrDate, int lag) {
        if (Tenor.looksLike(tenorOrDate)) {
            return schedule(valuation, Tenor.parse(tenorOrDate), lag).expiry();
        }
        LocalDate date;
        try {
            date = LocalDate.parse(tenorOrDate.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + tenorOrDate + "' is neither a tenor (ON, 1W, 6M, 2Y) nor an ISO "
                    + "date (yyyy-mm-dd)");
        }
        if (!date.isAfter(valuation)) {
            throw new IllegalArgumentException("the date " + date + " is not after the valuation date " + valuation);
        }
        return date;
    }

    /**
     * How far (in years) a given expiry may lie from a tenor's conventional expiry before the two contradict each
     * other: 4 calendar days or 5% of the tenor, whichever is more. Holiday calendars, day-versus-business-day
     * conventions and rounded year fractions (6M as 0.5) move an expiry by a few days; a wrong tenor label ("5Y" on a
     * 7-year expiry, "1W" on a 2-week one) moves it by more than this.
     */
    public static double tolerance(double tenorYears) {
        return Math.max(4.0 / 365.0, 0.05 * tenorYears);
    }

    /**
     * Checks that an expiry given as a year fraction agrees with the tenor's conventional expiry; returns null if it
     * does, otherwise the reason.
     */
    public static String contradiction(LocalDate valuation, Tenor tenor, int lag, double expiryYears) {
        LocalDate conventional = schedule(valuation, tenor, lag).expiry();
        double t = yearFraction(valuation, conventional);
        if (Math.abs(expiryYears - t) <= tolerance(t)) {
            return null;
        }
        if (!(Math.abs(expiryYears) < 1000)) { // days of such a number overflow: say it plainly
            return String.format(Locale.ROOT, "tenor %s expires on %s (%.4f years ACT/365F from %s) but the expiry is "
                    + "not a plausible year fraction", tenor, conventional, t, valuation);
        }
        return String.format(Locale.ROOT, "tenor %s expires on %s (%.4f years ACT/365F from %s) but the expiry is "
                + "%.4f years (%.0f days): more than %.0f days apart", tenor, conventional, t, valuation, expiryYears,
                expiryYears * 365, tolerance(t) * 365);
    }

    private static LocalDate following(LocalDate d) {
        LocalDate x = d;
        while (!isBusinessDay(x)) {
            x = x.plusDays(1);
        }
        return x;
    }

    private static LocalDate modifiedFollowing(LocalDate d) {
        LocalDate f = following(d);
        if (f.getMonth() == d.getMonth()) {
            return f;
        }
        LocalDate x = d;
        while (!isBusinessDay(x)) {
            x = x.minusDays(1);
        }
        return x;
    }

    private static LocalDate lastBusinessDayOfMonth(LocalDate d) {
        LocalDate x = d.withDayOfMonth(d.lengthOfMonth());
        while (!isBusinessDay(x)) {
            x = x.minusDays(1);
        }
        return x;
    }
}
