package com.fxdesk.slv.web.market;

import java.util.List;

/** Black vols per expiry on that expiry's increasing strikes. */
public record VolGridDto(List<Double> expiries, List<List<Double>> strikes, List<List<Double>> vols) {
}
