package com.fxdesk.slv.market;

/** Delta convention of FX quotes: spot delta (discounted by the foreign DF) or forward delta. */
public enum DeltaType { SPOT, FORWARD }
