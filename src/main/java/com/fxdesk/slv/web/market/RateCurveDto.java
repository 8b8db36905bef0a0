package com.fxdesk.slv.web.market;

import java.util.List;

/** Either {@code {flat}} or {@code {times, zeroRates}} (continuously compounded zero rates, times in years). */
public record RateCurveDto(Double flat, List<Double> times, List<Double> zeroRates) {
}
