package com.fxdesk.slv.web.surface;

import com.fxdesk.slv.web.market.MarketDto;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.List;

/** POST /api/v1/volatility/surface. */
@Schema(description = "Build the arbitrage-free surface of a market; optionally evaluate it at points and on a "
        + "local-vol grid")
public record SurfaceRequest(
        @Schema(description = "the market", requiredMode = RequiredMode.REQUIRED) MarketDto market,
        @ArraySchema(arraySchema = @Schema(description = "points where to report implied and local vol (at most "
                + "slv.limits.max-evaluation-points, default 10,000)")) List<SurfacePoint> points,
        @Schema(description = "a local-vol grid to return (times × spots at most slv.limits.max-local-vol-grid-points,"
                + " default 250,000)") LocalVolGridRequest localVolGrid) {

    @Schema(description = "A point of the surface")
    public record SurfacePoint(
            @Schema(description = "expiry, years ACT/365F; > 0", requiredMode = RequiredMode.REQUIRED,
                    example = "0.5") Double expiry,
            @Schema(description = "strike, quote currency per base currency; > 0",
                    requiredMode = RequiredMode.REQUIRED, example = "1.3") Double strike) {
    }

    @Schema(description = "The grid on which to return Dupire local vol")
    public record LocalVolGridRequest(
            @ArraySchema(schema = @Schema(description = "time, years; > 0"), arraySchema = @Schema(
                    description = "increasing times", requiredMode = RequiredMode.REQUIRED)) List<Double> times,
            @ArraySchema(schema = @Schema(description = "spot; > 0"), arraySchema = @Schema(
                    description = "increasing spots", requiredMode = RequiredMode.REQUIRED)) List<Double> spots) {
    }
}
