using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parvis.Web.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MediationAndDemographics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "PeoplePerMediator",
                table: "kernel_organisations",
                type: "INTEGER",
                nullable: false,
                defaultValue: 10);

            migrationBuilder.AddColumn<Guid>(
                name: "MediatedById",
                table: "kernel_contributions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "kernel_demographic_answers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProcessId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    AgeBand = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    Gender = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    Category = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    Commune = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    FirstTime = table.Column<bool>(type: "INTEGER", nullable: true),
                    GivenAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kernel_demographic_answers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_kernel_demographic_answers_kernel_people_PersonId",
                        column: x => x.PersonId,
                        principalTable: "kernel_people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_kernel_demographic_answers_kernel_processes_ProcessId",
                        column: x => x.ProcessId,
                        principalTable: "kernel_processes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "kernel_mediation_structures",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kernel_mediation_structures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_kernel_mediation_structures_kernel_organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "kernel_organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "kernel_population_figures",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Commune = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Dimension = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Band = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Count = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kernel_population_figures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_kernel_population_figures_kernel_organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "kernel_organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "kernel_held_accounts",
                columns: table => new
                {
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StructureId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CodeHash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kernel_held_accounts", x => x.PersonId);
                    table.ForeignKey(
                        name: "FK_kernel_held_accounts_kernel_mediation_structures_StructureId",
                        column: x => x.StructureId,
                        principalTable: "kernel_mediation_structures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_kernel_held_accounts_kernel_people_PersonId",
                        column: x => x.PersonId,
                        principalTable: "kernel_people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "kernel_mandates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StructureId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProcessId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Allows = table.Column<int>(type: "INTEGER", nullable: false),
                    Duration = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ConsentTextVersion = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ConsentRecordedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ConsentRecordedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    Consent = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    WitnessId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RevokedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RevokedById = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kernel_mandates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_kernel_mandates_kernel_mediation_structures_StructureId",
                        column: x => x.StructureId,
                        principalTable: "kernel_mediation_structures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_kernel_mandates_kernel_people_PersonId",
                        column: x => x.PersonId,
                        principalTable: "kernel_people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_kernel_mandates_kernel_processes_ProcessId",
                        column: x => x.ProcessId,
                        principalTable: "kernel_processes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "kernel_mediators",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StructureId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AddedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kernel_mediators", x => x.Id);
                    table.ForeignKey(
                        name: "FK_kernel_mediators_kernel_mediation_structures_StructureId",
                        column: x => x.StructureId,
                        principalTable: "kernel_mediation_structures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_kernel_mediators_kernel_people_PersonId",
                        column: x => x.PersonId,
                        principalTable: "kernel_people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "kernel_mandate_acts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MandateId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MediatorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Mode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Address = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    SubjectId = table.Column<Guid>(type: "TEXT", nullable: true),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    DayOnly = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kernel_mandate_acts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_kernel_mandate_acts_kernel_mandates_MandateId",
                        column: x => x.MandateId,
                        principalTable: "kernel_mandates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "kernel_mediation_sessions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    MandateId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MediatorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Mode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastSeenAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EndedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kernel_mediation_sessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_kernel_mediation_sessions_kernel_mandates_MandateId",
                        column: x => x.MandateId,
                        principalTable: "kernel_mandates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_kernel_contributions_MediatedById",
                table: "kernel_contributions",
                column: "MediatedById");

            migrationBuilder.CreateIndex(
                name: "IX_kernel_demographic_answers_PersonId",
                table: "kernel_demographic_answers",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_kernel_demographic_answers_ProcessId_PersonId",
                table: "kernel_demographic_answers",
                columns: new[] { "ProcessId", "PersonId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_kernel_held_accounts_StructureId",
                table: "kernel_held_accounts",
                column: "StructureId");

            migrationBuilder.CreateIndex(
                name: "IX_kernel_mandate_acts_MandateId_At",
                table: "kernel_mandate_acts",
                columns: new[] { "MandateId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_kernel_mandate_acts_MediatorId_SubjectId",
                table: "kernel_mandate_acts",
                columns: new[] { "MediatorId", "SubjectId" });

            migrationBuilder.CreateIndex(
                name: "IX_kernel_mandates_PersonId",
                table: "kernel_mandates",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_kernel_mandates_ProcessId",
                table: "kernel_mandates",
                column: "ProcessId");

            migrationBuilder.CreateIndex(
                name: "IX_kernel_mandates_StructureId_CreatedAt",
                table: "kernel_mandates",
                columns: new[] { "StructureId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_kernel_mediation_sessions_MandateId",
                table: "kernel_mediation_sessions",
                column: "MandateId");

            migrationBuilder.CreateIndex(
                name: "IX_kernel_mediation_structures_OrganisationId_Name",
                table: "kernel_mediation_structures",
                columns: new[] { "OrganisationId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_kernel_mediators_PersonId",
                table: "kernel_mediators",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_kernel_mediators_StructureId_PersonId",
                table: "kernel_mediators",
                columns: new[] { "StructureId", "PersonId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_kernel_population_figures_OrganisationId_Commune_Dimension_Band",
                table: "kernel_population_figures",
                columns: new[] { "OrganisationId", "Commune", "Dimension", "Band" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_kernel_contributions_kernel_mediation_structures_MediatedById",
                table: "kernel_contributions",
                column: "MediatedById",
                principalTable: "kernel_mediation_structures",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_kernel_contributions_kernel_mediation_structures_MediatedById",
                table: "kernel_contributions");

            migrationBuilder.DropTable(
                name: "kernel_demographic_answers");

            migrationBuilder.DropTable(
                name: "kernel_held_accounts");

            migrationBuilder.DropTable(
                name: "kernel_mandate_acts");

            migrationBuilder.DropTable(
                name: "kernel_mediation_sessions");

            migrationBuilder.DropTable(
                name: "kernel_mediators");

            migrationBuilder.DropTable(
                name: "kernel_population_figures");

            migrationBuilder.DropTable(
                name: "kernel_mandates");

            migrationBuilder.DropTable(
                name: "kernel_mediation_structures");

            migrationBuilder.DropIndex(
                name: "IX_kernel_contributions_MediatedById",
                table: "kernel_contributions");

            migrationBuilder.DropColumn(
                name: "PeoplePerMediator",
                table: "kernel_organisations");

            migrationBuilder.DropColumn(
                name: "MediatedById",
                table: "kernel_contributions");
        }
    }
}
