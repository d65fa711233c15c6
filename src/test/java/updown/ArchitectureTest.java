package updown;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.properties.HasName;
import com.tngtech.archunit.core.domain.properties.HasOwner;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import io.vertx.core.Vertx;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The package layering of docs/architecture.md, checked on the compiled production classes (tests may reach
 * anywhere). Each rule names an arrow that must never exist; a change that adds one fails here with the offending
 * class and member.
 */
@DisplayName("The package layering")
class ArchitectureTest {
    /**
     * Classes allowed to arm raw Vert.x timers outside updown.time, each with why. Empty: every timer goes through
     * {@code updown.time.Timers} (delays) or {@code updown.time.ClockScheduler} (clock instants). Keep it empty.
     */
    private static final Map<String, String> RAW_TIMERS = Map.of();

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("updown");
    }

    @Test
    @DisplayName("has no cycle between top-level packages (engine with engine.live, sim with its sub-packages...)")
    void noCycleBetweenTopLevelPackages() {
        slices().matching("updown.(*)..").namingSlices("$1").should().beFreeOfCycles().check(production);
    }

    @Test
    @DisplayName("has no cycle between any two packages, sub-packages included")
    void noCycleBetweenPackages() {
        slices().matching("updown.(**)").namingSlices("$1").should().beFreeOfCycles().check(production);
    }

    @Test
    @DisplayName("lets only the entry point (updown.Main) use the commands in updown.cli")
    void onlyMainUsesTheCommands() {
        noClasses().that().resideOutsideOfPackages("updown", "updown.cli..")
                .should().dependOnClassesThat().resideInAPackage("updown.cli..")
                .because("the commands are the top of the stack; what they call must not call back")
                .check(production);
    }

    @Test
    @DisplayName("lets nothing use the entry point updown.Main")
    void nothingUsesMain() {
        noClasses().that().resideOutsideOfPackage("updown")
                .should().dependOnClassesThat().resideInAPackage("updown")
                .check(production);
    }

    @Test
    @DisplayName("lets only Main, the commands and the simulate run use the service assembly in updown.app")
    void onlyTheTopUsesTheAssembly() {
        noClasses().that().resideOutsideOfPackages("updown", "updown.cli..", "updown.app..", "updown.sim.run..")
                .should().dependOnClassesThat().resideInAPackage("updown.app..")
                .because("the assembly wires every part together; a part that imports it closes a cycle")
                .check(production);
    }

    @Test
    @DisplayName("keeps updown.domain free of every other updown package")
    void domainDependsOnNothingElse() {
        noClasses().that().resideInAPackage("updown.domain..")
                .should().dependOnClassesThat(resideInAPackage("updown..").and(not(resideInAPackage("updown.domain.."))))
                .check(production);
    }

    @Test
    @DisplayName("lets only the commands reach into the simulator (updown.sim): backtest, engine, strategy... never do")
    void onlyTheCommandsUseTheSimulator() {
        noClasses().that().resideOutsideOfPackages("updown.sim..", "updown.cli..")
                .should().dependOnClassesThat().resideInAPackage("updown.sim..")
                .because("the market model both the simulator and backtest need lives in updown.synthetic")
                .check(production);
    }

    @Test
    @DisplayName("keeps the synthetic market model below the simulator, the assembly and the commands")
    void syntheticModelStaysBelow() {
        noClasses().that().resideInAPackage("updown.synthetic..")
                .should().dependOnClassesThat().resideInAnyPackage("updown.sim..", "updown.app..", "updown.cli..",
                        "updown.backtest..")
                .check(production);
    }

    @Test
    @DisplayName("keeps the simulated exchange ignorant of the bot: it knows only domain, time and the synthetic model")
    void exchangeKnowsNothingOfTheBot() {
        noClasses().that().resideInAPackage("updown.sim.exchange..")
                .should().dependOnClassesThat(resideInAPackage("updown..").and(not(resideInAnyPackage(
                        "updown.sim.exchange..", "updown.domain..", "updown.time..", "updown.synthetic.."))))
                .because("the exchange is the other side of the wire; the bot must be testable against it as against"
                        + " the real venues")
                .check(production);
    }

    @Test
    @DisplayName("keeps the fault plan a leaf: it knows only the seeded hash, not the model or the exchange")
    void faultPlanIsALeaf() {
        noClasses().that().resideInAnyPackage("updown.synthetic.fault..", "updown.synthetic.random..")
                .should().dependOnClassesThat(resideInAPackage("updown..").and(not(resideInAnyPackage(
                        "updown.synthetic.fault..", "updown.synthetic.random.."))))
                .check(production);
    }

    @Test
    @DisplayName("lets the dashboard and Telegram read the live engine only through its shadow ledger")
    void presentationReadsOnlyTheShadowLedger() {
        noClasses().that().resideInAnyPackage("updown.web..", "updown.notify..")
                .should().dependOnClassesThat(resideInAPackage("updown.engine.live..")
                        .and(not(nameMatching("updown\\.engine\\.live\\.Shadow[A-Za-z]*(\\$.*)?"))))
                .because("orders, wallets and wire records of the live engine are its own business")
                .check(production);
    }

    @Test
    @DisplayName("lets only updown.time (Timers, ClockScheduler) arm or cancel Vert.x timers")
    void onlyTimeArmsTimers() {
        DescribedPredicate<JavaCall<?>> vertxTimer = JavaCall.Predicates.target(
                        HasOwner.Predicates.With.<JavaClass>owner(JavaClass.Predicates.assignableTo(Vertx.class)))
                .and(JavaCall.Predicates.target(HasName.Predicates.nameMatching("setPeriodic|setTimer|cancelTimer|timer|periodicStream|timerStream")));
        DescribedPredicate<JavaClass> listed = DescribedPredicate.describe("listed in RAW_TIMERS",
                c -> RAW_TIMERS.containsKey(c.getName().replaceAll("\\$.*", "")));
        noClasses().that().resideOutsideOfPackage("updown.time..").and(not(listed))
                .should().callMethodWhere(vertxTimer)
                .because("one timer idiom: updown.time.Timers converts delays on the injected BotClock")
                .check(production);
    }
}
