using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parvis.Web.Migrations.Postgres
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    Text = table.Column<string>(type: "character varying(6000)", maxLength: 6000, nullable: false),
                    Stage = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ReviewedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RefusalReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    OnlineSignatures = table.Column<int>(type: "integer", nullable: false),
                    ThresholdReachedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AnswerDue = table.Column<DateOnly>(type: "date", nullable: true),
                    AnsweredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    NextSteps = table.Column<string>(type: "character varying(6000)", maxLength: 6000, nullable: false),
                    CommitteeReply = table.Column<string>(type: "character varying(6000)", maxLength: 6000, nullable: false),
                    RepliedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
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
                    ComponentId = table.Column<Guid>(type: "uuid", nullable: false),
                    CommitteeMinimum = table.Column<int>(type: "integer", nullable: false),
                    WithoutAccount = table.Column<bool>(type: "boolean", nullable: false),
                    Threshold = table.Column<int>(type: "integer", nullable: false),
                    AnswerDays = table.Column<int>(type: "integer", nullable: false)
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
                    PetitionId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    ConfirmedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PetitionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Answer = table.Column<string>(type: "character varying(3000)", maxLength: 3000, nullable: false),
                    ActionId = table.Column<Guid>(type: "uuid", nullable: true)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PetitionId = table.Column<Guid>(type: "uuid", nullable: false),
                    EmailKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    Postcode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    CodeHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    AlreadySigned = table.Column<bool>(type: "boolean", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PetitionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Signatures = table.Column<int>(type: "integer", nullable: false),
                    EnteredBy = table.Column<Guid>(type: "uuid", nullable: true),
                    EnteredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Scan = table.Column<byte[]>(type: "bytea", nullable: true),
                    ScanType = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PetitionId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: true),
                    SignedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Shown = table.Column<bool>(type: "boolean", nullable: false),
                    EmailKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: true),
                    Postcode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true)
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
