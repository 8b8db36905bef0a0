package com.fxdesk.slv.regression;

import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.random.Well19937c;

/**
 * Synthetic particles shaped like Heston's (x = ln S, V) at a horizon, with a known conditional mean
 * m(x) = θ + a·tanh(b(x − x0)) + c(x − x0)² (or other wing powers). x is a normal variance–mean mixture (integrated variance W ~ Gamma with
 * mean 1; x = σ(√W Z + β(W − 1))), so it is skewed (β &lt; 0: fat left tail, as with ρ &lt; 0) and fat-tailed;
 * V | x ~ Gamma(shape s, mean m(x)), heteroscedastic (sd = m/√s).
 */
public record SyntheticHestonSamples(String name, double sigma, double mixingShape, double beta, double theta,
                                     double a, double b, double c, double x0, double shape, double power) {

    /** Like EURUSD 6M: σ√T ≈ 7%, mild skew, V's coefficient of variation ≈ 58%. */
    public static final SyntheticHestonSamples SIX_MONTHS =
            new SyntheticHestonSamples("6M", 0.07, 4.0, -0.5, 0.010, -0.003, 1.0 / 0.07, 0.0015 / (0.07 * 0.07),
                    0.0, 3.0, 2.0);
    /** Like EURUSD 5Y: σ√T ≈ 22%, heavy left tail, V's coefficient of variation ≈ 90%. */
    public static final SyntheticHestonSamples FIVE_YEARS =
            new SyntheticHestonSamples("5Y", 0.22, 1.5, -0.8, 0.012, -0.005, 0.7 / 0.22, 0.002 / (0.22 * 0.22),
                    0.0, 1.2, 2.0);

    /** The same particles with wings c·σ²·|(x − x0)/σ|^p instead of the quadratic. */
    public SyntheticHestonSamples withWingPower(double p) {
        return new SyntheticHestonSamples(name + " |x|^" + p, sigma, mixingShape, beta, theta, a, b, c, x0, shape, p);
    }

    public double mean(double x) {
        double d = x - x0;
        // power 2: the quadratic of the brief; other powers c·σ²·|d/σ|^p test robustness to the tail shape
        double wing = power == 2.0 ? d * d : sigma * sigma * Math.pow(Math.abs(d / sigma), power);
        return theta + a * Math.tanh(b * d) + c * wing;
    }

    /** n values of x only (for test points). */
    public void sampleX(long seed, double[] x, int n) {
        Well19937c rng = new Well19937c(seed);
        GammaDistribution w = new GammaDistribution(rng, mixingShape, 1.0 / mixingShape);
        for (int i = 0; i < n; i++) {
            double wi = w.sample();
            x[i] = x0 + sigma * (Math.sqrt(wi) * rng.nextGaussian() + beta * (wi - 1.0));
        }
    }

    /** n pairs (x, y) with E[y | x] = mean(x). */
    public void sample(long seed, double[] x, double[] y, int n) {
        sampleX(seed, x, n);
        Well19937c rng = new Well19937c(new SplittableRandom(seed).nextLong());
        GammaDistribution g = new GammaDistribution(rng, shape, 1.0);
        for (int i = 0; i < n; i++) {
            y[i] = mean(x[i]) / shape * g.sample();
        }
    }
}
