package com.fxdesk.slv.web.heston;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/** Heston parameters: dV = κ(θ − V)dt + ξ√V dW_V, corr(dW_S, dW_V) = ρ, V(0) = v0. */
@Schema(description = "Heston parameters: dV = κ(θ − V)dt + ξ√V dW_V, corr(dW_S, dW_V) = ρ, V(0) = v0. Given as "
        + "a model (heston): v0, θ in (0, 25], κ in (0, 1000], ξ in [0, 100], ρ in (-1, 1); as a starting point "
        + "(initialGuess): inside the calibrator's box v0, θ in [1e-6, 4], κ in [0.001, 50], ξ in [0.001, 10], "
        + "ρ in [-0.999, 0.999].")
public record HestonParamsDto(
        @Schema(description = "initial variance (vol²), e.g. 0.0052 = 7.2% vol", requiredMode = RequiredMode.REQUIRED,
                example = "0.005192") Double v0,
        @Schema(description = "mean-reversion speed κ, per year", requiredMode = RequiredMode.REQUIRED,
                example = "1.396") Double kappa,
        @Schema(description = "long-run variance θ (vol²)", requiredMode = RequiredMode.REQUIRED,
                example = "0.010132") Double theta,
        @Schema(description = "vol of variance ξ", requiredMode = RequiredMode.REQUIRED, example = "0.2443") Double xi,
        @Schema(description = "spot–variance correlation ρ", requiredMode = RequiredMode.REQUIRED, example = "0.0927")
        Double rho) {
}
