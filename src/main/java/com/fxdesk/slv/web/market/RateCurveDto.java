package com.fxdesk.slv.web.market;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** Either {@code {flat}} or {@code {times, zeroRates}} (continuously compounded zero rates, times in years). */
@Schema(description = "A zero curve: either flat, or zero rates at times (linear in r·t between them, i.e. flat "
        + "forwards; flat zero rate beyond the ends). Give flat or times + zeroRates, not both.")
public record RateCurveDto(
        @Schema(description = "one continuously compounded zero rate for all times, decimal (0.02 = 2%); "
                + "between -1 and 1", minimum = "-1", maximum = "1", example = "0.02") Double flat,
        @ArraySchema(schema = @Schema(description = "time, years ACT/365F; increasing, > 0, at most 100"),
                maxItems = 200, arraySchema = @Schema(description = "curve times, years (at most "
                + "slv.limits.max-curve-points, default 200)")) List<Double> times,
        @ArraySchema(schema = @Schema(description = "continuously compounded zero rate, decimal; between -1 and 1",
                minimum = "-1", maximum = "1"), arraySchema = @Schema(description = "zero rates, one per time"))
        List<Double> zeroRates) {
}
