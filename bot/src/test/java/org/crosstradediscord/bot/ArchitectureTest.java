package org.crosstradediscord.bot;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The house plan of the bot (docs/design.md, "Map"), checked on the compiled classes: imports run one way, top to
 * bottom, and no two packages depend on each other.
 *
 * <pre>
 * app (BotMain) → discord → ops, intake → confirmation → commands → rendering → alerts, board, halt, preview, report
 *   → config → risk, access, store, audit → text
 * </pre>
 */
class ArchitectureTest {
  private static final String BOT = "org.crosstradediscord.bot";
  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages(BOT);

  @Test
  void importsRunTopToBottom() {
    layeredArchitecture().consideringOnlyDependenciesInLayers()
        .layer("app").definedBy(BOT)
        .layer("discord").definedBy(BOT + ".discord..")
        .layer("ops").definedBy(BOT + ".ops..", BOT + ".intake..")
        .layer("confirmation").definedBy(BOT + ".confirmation..")
        .layer("commands").definedBy(BOT + ".commands..")
        .layer("rendering").definedBy(BOT + ".rendering..")
        .layer("domain").definedBy(BOT + ".alerts..", BOT + ".board..", BOT + ".halt..", BOT + ".preview..",
            BOT + ".report..")
        .layer("config").definedBy(BOT + ".config..")
        .layer("base").definedBy(BOT + ".risk..", BOT + ".access..", BOT + ".store..", BOT + ".audit..")
        .layer("text").definedBy(BOT + ".text..")
        .whereLayer("app").mayNotBeAccessedByAnyLayer()
        .whereLayer("discord").mayOnlyBeAccessedByLayers("app")
        .whereLayer("ops").mayOnlyBeAccessedByLayers("app", "discord")
        .whereLayer("confirmation").mayOnlyBeAccessedByLayers("app", "discord", "ops")
        .whereLayer("commands").mayOnlyBeAccessedByLayers("app", "discord", "ops", "confirmation")
        .whereLayer("rendering").mayOnlyBeAccessedByLayers("app", "discord", "ops", "confirmation", "commands")
        .whereLayer("domain").mayOnlyBeAccessedByLayers("app", "discord", "ops", "confirmation", "commands",
            "rendering")
        .whereLayer("config").mayOnlyBeAccessedByLayers("app", "discord", "ops", "confirmation", "commands",
            "rendering", "domain")
        .whereLayer("base").mayOnlyBeAccessedByLayers("app", "discord", "ops", "confirmation", "commands",
            "rendering", "domain", "config")
        .check(CLASSES);
  }

  @Test
  void noPackageCycles() {
    slices().matching(BOT + ".(*)..").should().beFreeOfCycles().check(CLASSES);
  }
}
