package com.fxdesk.slv.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fxdesk.slv.market.FxDates.Schedule;
import com.fxdesk.slv.market.FxDates.Tenor;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class FxDatesTest {

    private static final LocalDate THU_2018_03_15 = LocalDate.of(2018, 3, 15);

    private static Schedule schedule(LocalDate valuation, String tenor, int lag) {
        return FxDates.schedule(valuation, Tenor.parse(tenor), lag);
    }

    @Test
    void spotLagIsOneBusinessDayForUsdAgainstCadTryPhpRubKzt() {
        assertThat(FxDates.spotLag("USDCAD")).isEqualTo(1);
        assertThat(FxDates.spotLag("usdtry")).isEqualTo(1);
        assertThat(FxDates.spotLag("RUBUSD")).isEqualTo(1);
        assertThat(FxDates.spotLag("EURCAD")).isEqualTo(2);
        assertThat(FxDates.spotLag("EURUSD")).isEqualTo(2);
        assertThat(FxDates.spotLag("FLATFOR")).isEqualTo(2);
        assertThat(FxDates.spotLag(null)).isEqualTo(2);
    }

    @Test
    void spotDateSkipsTheWeekend() {
        assertThat(FxDates.spotDate(THU_2018_03_15, 2)).isEqualTo(LocalDate.of(2018, 3, 19));
        assertThat(FxDates.spotDate(THU_2018_03_15, 1)).isEqualTo(LocalDate.of(2018, 3, 16));
        assertThat(FxDates.spotDate(LocalDate.of(2018, 3, 16), 1)).isEqualTo(LocalDate.of(2018, 3, 19));
    }

    @Test
    void overnightAndWeeksCountFromTheValuationDate() {
        assertThat(schedule(LocalDate.of(2018, 3, 16), "ON", 2))
                .isEqualTo(new Schedule(LocalDate.of(2018, 3, 19), LocalDate.of(2018, 3, 21)));
        assertThat(schedule(THU_2018_03_15, "1W", 2))
                .isEqualTo(new Schedule(LocalDate.of(2018, 3, 22), LocalDate.of(2018, 3, 26)));
        // 3 days from Thursday is a Sunday: rolled to Monday
        assertThat(schedule(THU_2018_03_15, "3D", 2).expiry()).isEqualTo(LocalDate.of(2018, 3, 19));
    }

    @Test
    void monthsRollTheDeliveryFromSpotAndTheExpiryBackBySpotLag() {
        // spot Mon 19 Mar; delivery Thu 19 Apr; expiry two business days earlier
        assertThat(schedule(THU_2018_03_15, "1M", 2))
                .isEqualTo(new Schedule(LocalDate.of(2018, 4, 17), LocalDate.of(2018, 4, 19)));
        // 19 May 2018 is a Saturday: modified following → Mon 21 May; expiry Thu 17 May
        assertThat(schedule(THU_2018_03_15, "2M", 2))
                .isEqualTo(new Schedule(LocalDate.of(2018, 5, 17), LocalDate.of(2018, 5, 21)));
        // USDCAD, T+1: spot Fri 16 Mar, delivery Mon 16 Apr, expiry Fri 13 Apr
        assertThat(schedule(THU_2018_03_15, "1M", 1))
                .isEqualTo(new Schedule(LocalDate.of(2018, 4, 13), LocalDate.of(2018, 4, 16)));
        // 1Y = 12M
        assertThat(schedule(THU_2018_03_15, "1Y", 2)).isEqualTo(schedule(THU_2018_03_15, "12M", 2));
    }

    @Test
    void modifiedFollowingStaysInTheMonthAndEndOfMonthStaysAtTheEnd() {
        // spot Wed 30 May 2018 (not the month's last business day); 30 Jun is a Saturday → back to Fri 29 Jun
        assertThat(schedule(LocalDate.of(2018, 5, 28), "1M", 2))
                .isEqualTo(new Schedule(LocalDate.of(2018, 6, 27), LocalDate.of(2018, 6, 29)));
        // spot Thu 29 Feb 2024 is the last business day of February → delivery the last business day of March
        assertThat(schedule(LocalDate.of(2024, 2, 27), "1M", 2))
                .isEqualTo(new Schedule(LocalDate.of(2024, 3, 27), LocalDate.of(2024, 3, 29)));
    }

    @Test
    void yearFractionsAreAct365Fixed() {
        assertThat(FxDates.yearFraction(THU_2018_03_15, LocalDate.of(2019, 3, 15))).isEqualTo(1.0);
        assertThat(FxDates.yearFraction(LocalDate.of(2024, 1, 1), LocalDate.of(2025, 1, 1))).isEqualTo(366 / 365.0);
        assertThat(FxDates.expiryYearFraction(THU_2018_03_15, "2018-09-13", 2)).isCloseTo(182 / 365.0, within(1e-15));
        assertThat(FxDates.expiryYearFraction(THU_2018_03_15, "1M", 2)).isCloseTo(33 / 365.0, within(1e-15));
    }

    @Test
    void tenorsParseCaseInsensitivelyAndRejectNonsense() {
        assertThat(Tenor.parse("6m")).isEqualTo(new Tenor(6, FxDates.Unit.MONTH));
        assertThat(Tenor.parse("O/N").toString()).isEqualTo("ON");
        assertThat(Tenor.parse("18M").toString()).isEqualTo("18M");
        for (String bad : new String[] {"0M", "6X", "M6", "", "1.5Y", "-1W", "1234D"}) {
            assertThatThrownBy(() -> Tenor.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is not a tenor");
        }
        assertThatThrownBy(() -> FxDates.expiryYearFraction(THU_2018_03_15, "2018-03-15", 2))
                .hasMessageContaining("not after the valuation date");
        assertThatThrownBy(() -> FxDates.expiryYearFraction(THU_2018_03_15, "15/09/2018", 2))
                .hasMessageContaining("neither a tenor");
    }

    @Test
    void aTenorContradictsAnExpiryFarFromItsConventionalDate() {
        assertThat(FxDates.contradiction(THU_2018_03_15, Tenor.parse("5Y"), 2, 7.0)).contains("tenor 5Y expires on 2023-03-16");
        assertThat(FxDates.contradiction(THU_2018_03_15, Tenor.parse("1W"), 2, 14 / 365.0)).isNotNull();
        assertThat(FxDates.contradiction(THU_2018_03_15, Tenor.parse("6M"), 2, 0.75)).isNotNull();
        // rounded fractions and day-count variants of the right tenor are not contradictions
        assertThat(FxDates.contradiction(THU_2018_03_15, Tenor.parse("6M"), 2, 0.5)).isNull();
        assertThat(FxDates.contradiction(THU_2018_03_15, Tenor.parse("1M"), 2, 30 / 365.0)).isNull();
        assertThat(FxDates.contradiction(THU_2018_03_15, Tenor.parse("9M"), 2, 273 / 365.0)).isNull();
        assertThat(FxDates.contradiction(THU_2018_03_15, Tenor.parse("5Y"), 2, 5.0)).isNull();
        assertThat(FxDates.contradiction(LocalDate.of(2024, 6, 14), Tenor.parse("18M"), 2, 1.5)).isNull();
    }
}
