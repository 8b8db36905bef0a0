package com.fxdesk.slv.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layers of src/main: ground floor ({@code math}, {@code random}, {@code parallel}) → engine (market … pricing)
 * → the engine's facade ({@code pipeline}) → service layer ({@code web.*} by feature, {@code jobs}, {@code config}).
 * The engine is plain Java: no Spring, no Jackson, nothing of the service layer. No package depends on itself through
 * another (no cycles).
 */
class LayeringArchTest {
    private static final String[] GROUND = {"com.fxdesk.slv.math..", "com.fxdesk.slv.random..",
            "com.fxdesk.slv.parallel.."};
    private static final String[] ENGINE = {"com.fxdesk.slv.math..", "com.fxdesk.slv.random..",
            "com.fxdesk.slv.parallel..", "com.fxdesk.slv.market..", "com.fxdesk.slv.volatility..",
            "com.fxdesk.slv.heston..", "com.fxdesk.slv.regression..", "com.fxdesk.slv.model..",
            "com.fxdesk.slv.calibration..", "com.fxdesk.slv.montecarlo..", "com.fxdesk.slv.pricing..",
            "com.fxdesk.slv.pipeline.."};
    private static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.fxdesk.slv");
    }

    @Test
    void noPackageCycles() {
        // every package is its own slice: web.pricing → web.calibrations → web.pricing would be a cycle too
        slices().matching("com.fxdesk.slv.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void engineDoesNotDependOnFrameworks() {
        noClasses().that().resideInAnyPackage(ENGINE)
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "tools.jackson..",
                        "com.fasterxml.jackson..", "jakarta.servlet..", "io.micrometer..", "io.swagger..")
                .because("the engine must stay usable without Spring or Jackson")
                .check(classes);
    }

    @Test
    void engineDoesNotDependOnTheServiceLayer() {
        noClasses().that().resideInAnyPackage(ENGINE)
                .should().dependOnClassesThat().resideInAnyPackage("com.fxdesk.slv.web..", "com.fxdesk.slv.jobs..",
                        "com.fxdesk.slv.config..")
                .check(classes);
    }

    @Test
    void groundFloorDependsOnNothingAbove() {
        noClasses().that().resideInAnyPackage(GROUND)
                .should().dependOnClassesThat().resideInAnyPackage("com.fxdesk.slv.market..",
                        "com.fxdesk.slv.volatility..", "com.fxdesk.slv.heston..", "com.fxdesk.slv.regression..",
                        "com.fxdesk.slv.model..", "com.fxdesk.slv.calibration..", "com.fxdesk.slv.montecarlo..",
                        "com.fxdesk.slv.pricing..", "com.fxdesk.slv.pipeline..", "com.fxdesk.slv.web..",
                        "com.fxdesk.slv.jobs..", "com.fxdesk.slv.config..")
                .check(classes);
    }

    @Test
    void onlyTheServiceLayerCallsThePipeline() {
        noClasses().that().resideInAnyPackage(ENGINE).and().resideOutsideOfPackage("com.fxdesk.slv.pipeline..")
                .should().dependOnClassesThat().resideInAPackage("com.fxdesk.slv.pipeline..")
                .because("the pipeline composes the engine; the engine does not call its own facade")
                .check(classes);
    }

    @Test
    void nothingUsesJackson2Databind() {
        noClasses().should().dependOnClassesThat().resideInAPackage("com.fasterxml.jackson.databind..")
                .because("Boot 4 reads and writes JSON with Jackson 3 (tools.jackson); Jackson 2 is only springdoc's")
                .check(classes);
    }

    @Test
    void jobsDoNotDependOnTheWebLayer() {
        noClasses().that().resideInAPackage("com.fxdesk.slv.jobs..")
                .should().dependOnClassesThat().resideInAnyPackage("com.fxdesk.slv.web..", "org.springframework.web..")
                .check(classes);
    }

    @Test
    void configDoesNotDependOnTheWebLayer() {
        noClasses().that().resideInAPackage("com.fxdesk.slv.config..")
                .should().dependOnClassesThat().resideInAnyPackage("com.fxdesk.slv.web..")
                .check(classes);
    }
}
