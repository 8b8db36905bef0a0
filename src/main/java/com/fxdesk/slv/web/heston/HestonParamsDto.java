package com.fxdesk.slv.web.heston;

/** Heston parameters: dV = κ(θ − V)dt + ξ√V dW_V, corr(dW_S, dW_V) = ρ, V(0) = v0. */
public record HestonParamsDto(Double v0, Double kappa, Double theta, Double xi, Double rho) {
}
