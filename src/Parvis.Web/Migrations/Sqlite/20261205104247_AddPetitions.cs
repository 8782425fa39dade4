using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parvis.Web.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddPetitions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "petitions_petitions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 150, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 6000, nullable: false),
                    Stage = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReviewedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RefusalReason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    OnlineSignatures = table.Column<int>(type: "INTEGER", nullable: false),
                    ThresholdReachedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    AnswerDue = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    AnsweredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    NextSteps = table.Column<string>(type: "TEXT", maxLength: 6000, nullable: false),
                    CommitteeReply = table.Column<string>(type: "TEXT", maxLength: 6000, nullable: false),
                    RepliedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_petitions_petitions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_petitions_petitions_kernel_contributions_Id",
                        column: x => x.Id,
                        principalTable: "kernel_contributions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "petitions_rules",
                columns: table => new
                {
                    ComponentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CommitteeMinimum = table.Column<int>(type: "INTEGER", nullable: false),
                    WithoutAccount = table.Column<bool>(type: "INTEGER", nullable: false),
                    Threshold = table.Column<int>(type: "INTEGER", nullable: false),
                    AnswerDays = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_petitions_rules", x => x.ComponentId);
                    table.ForeignKey(
                        name: "FK_petitions_rules_kernel_components_ComponentId",
                        column: x => x.ComponentId,
                        principalTable: "kernel_components",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "petitions_committee",
                columns: table => new
                {
                    PetitionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ConfirmedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_petitions_committee", x => new { x.PetitionId, x.PersonId });
                    table.ForeignKey(
                        name: "FK_petitions_committee_kernel_people_PersonId",
                        column: x => x.PersonId,
                        principalTable: "kernel_people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_petitions_committee_petitions_petitions_PetitionId",
                        column: x => x.PetitionId,
                        principalTable: "petitions_petitions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "petitions_demands",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PetitionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Answer = table.Column<string>(type: "TEXT", maxLength: 3000, nullable: false),
                    ActionId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_petitions_demands", x => x.Id);
                    table.ForeignKey(
                        name: "FK_petitions_demands_petitions_petitions_PetitionId",
                        column: x => x.PetitionId,
                        principalTable: "petitions_petitions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "petitions_pending",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PetitionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EmailKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Postcode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    CodeHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    AlreadySigned = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_petitions_pending", x => x.Id);
                    table.ForeignKey(
                        name: "FK_petitions_pending_petitions_petitions_PetitionId",
                        column: x => x.PetitionId,
                        principalTable: "petitions_petitions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "petitions_sheets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PetitionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Signatures = table.Column<int>(type: "INTEGER", nullable: false),
                    EnteredBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    EnteredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Scan = table.Column<byte[]>(type: "BLOB", nullable: true),
                    ScanType = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_petitions_sheets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_petitions_sheets_kernel_people_EnteredBy",
                        column: x => x.EnteredBy,
                        principalTable: "kernel_people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_petitions_sheets_petitions_petitions_PetitionId",
                        column: x => x.PetitionId,
                        principalTable: "petitions_petitions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "petitions_signatures",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PetitionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: true),
                    SignedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Shown = table.Column<bool>(type: "INTEGER", nullable: false),
                    EmailKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    Postcode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_petitions_signatures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_petitions_signatures_kernel_people_PersonId",
                        column: x => x.PersonId,
                        principalTable: "kernel_people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_petitions_signatures_petitions_petitions_PetitionId",
                        column: x => x.PetitionId,
                        principalTable: "petitions_petitions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_petitions_committee_PersonId",
                table: "petitions_committee",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_petitions_demands_PetitionId_Number",
                table: "petitions_demands",
                columns: new[] { "PetitionId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_petitions_pending_ExpiresAt",
                table: "petitions_pending",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_petitions_pending_PetitionId",
                table: "petitions_pending",
                column: "PetitionId");

            migrationBuilder.CreateIndex(
                name: "IX_petitions_petitions_Stage",
                table: "petitions_petitions",
                column: "Stage");

            migrationBuilder.CreateIndex(
                name: "IX_petitions_sheets_EnteredBy",
                table: "petitions_sheets",
                column: "EnteredBy");

            migrationBuilder.CreateIndex(
                name: "IX_petitions_sheets_PetitionId_Number",
                table: "petitions_sheets",
                columns: new[] { "PetitionId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_petitions_signatures_PersonId",
                table: "petitions_signatures",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_petitions_signatures_PetitionId_EmailKey",
                table: "petitions_signatures",
                columns: new[] { "PetitionId", "EmailKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_petitions_signatures_PetitionId_PersonId",
                table: "petitions_signatures",
                columns: new[] { "PetitionId", "PersonId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "petitions_committee");

            migrationBuilder.DropTable(
                name: "petitions_demands");

            migrationBuilder.DropTable(
                name: "petitions_pending");

            migrationBuilder.DropTable(
                name: "petitions_rules");

            migrationBuilder.DropTable(
                name: "petitions_sheets");

            migrationBuilder.DropTable(
                name: "petitions_signatures");

            migrationBuilder.DropTable(
                name: "petitions_petitions");
        }
    }
}
