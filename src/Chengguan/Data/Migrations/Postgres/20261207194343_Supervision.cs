using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Chengguan.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Supervision : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "supervision_checklists",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ItemsJson = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_supervision_checklists", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "supervision_inspections",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    StreetId = table.Column<Guid>(type: "uuid", nullable: false),
                    OwnerUnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    On = table.Column<DateOnly>(type: "date", nullable: false),
                    Place = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Inspectors = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    InspectorIds = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Summary = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_supervision_inspections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_supervision_inspections_units_OwnerUnitId",
                        column: x => x.OwnerUnitId,
                        principalTable: "units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_supervision_inspections_units_StreetId",
                        column: x => x.StreetId,
                        principalTable: "units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "supervision_plans",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    From = table.Column<DateOnly>(type: "date", nullable: false),
                    To = table.Column<DateOnly>(type: "date", nullable: false),
                    Cases = table.Column<bool>(type: "boolean", nullable: false),
                    Demolition = table.Column<bool>(type: "boolean", nullable: false),
                    PerStreet = table.Column<int>(type: "integer", nullable: false),
                    Seed = table.Column<long>(type: "bigint", nullable: false),
                    ChecklistVersion = table.Column<int>(type: "integer", nullable: false),
                    Population = table.Column<int>(type: "integer", nullable: true),
                    DrawnAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_supervision_plans", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "supervision_files",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PlanId = table.Column<Guid>(type: "uuid", nullable: false),
                    Seq = table.Column<int>(type: "integer", nullable: false),
                    StreetId = table.Column<Guid>(type: "uuid", nullable: false),
                    SubjectType = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    SubjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    Reference = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Summary = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Score = table.Column<int>(type: "integer", nullable: true),
                    MaxScore = table.Column<int>(type: "integer", nullable: false),
                    ResultJson = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    ReviewedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ReviewedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_supervision_files", x => x.Id);
                    table.ForeignKey(
                        name: "FK_supervision_files_supervision_plans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "supervision_plans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_supervision_files_units_StreetId",
                        column: x => x.StreetId,
                        principalTable: "units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "supervision_findings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    FileId = table.Column<Guid>(type: "uuid", nullable: true),
                    InspectionId = table.Column<Guid>(type: "uuid", nullable: true),
                    StreetId = table.Column<Guid>(type: "uuid", nullable: false),
                    OwnerUnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    ItemCode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    Text = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    RectificationItemId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_supervision_findings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_supervision_findings_supervision_files_FileId",
                        column: x => x.FileId,
                        principalTable: "supervision_files",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_supervision_findings_supervision_inspections_InspectionId",
                        column: x => x.InspectionId,
                        principalTable: "supervision_inspections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_supervision_findings_units_OwnerUnitId",
                        column: x => x.OwnerUnitId,
                        principalTable: "units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_cases_supervision_draw",
                table: "cases",
                columns: new[] { "State", "ClosedAt", "StreetId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_supervision_checklists_Version",
                table: "supervision_checklists",
                column: "Version",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_supervision_files_PlanId_Seq",
                table: "supervision_files",
                columns: new[] { "PlanId", "Seq" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_supervision_files_PlanId_SubjectId",
                table: "supervision_files",
                columns: new[] { "PlanId", "SubjectId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_supervision_files_StreetId_PlanId",
                table: "supervision_files",
                columns: new[] { "StreetId", "PlanId" });

            migrationBuilder.CreateIndex(
                name: "IX_supervision_findings_FileId",
                table: "supervision_findings",
                column: "FileId");

            migrationBuilder.CreateIndex(
                name: "IX_supervision_findings_InspectionId",
                table: "supervision_findings",
                column: "InspectionId");

            migrationBuilder.CreateIndex(
                name: "IX_supervision_findings_OwnerUnitId_CreatedAt",
                table: "supervision_findings",
                columns: new[] { "OwnerUnitId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_supervision_inspections_OwnerUnitId_On",
                table: "supervision_inspections",
                columns: new[] { "OwnerUnitId", "On" });

            migrationBuilder.CreateIndex(
                name: "IX_supervision_inspections_StreetId",
                table: "supervision_inspections",
                column: "StreetId");

            migrationBuilder.CreateIndex(
                name: "IX_supervision_plans_CreatedAt",
                table: "supervision_plans",
                column: "CreatedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "supervision_checklists");

            migrationBuilder.DropTable(
                name: "supervision_findings");

            migrationBuilder.DropTable(
                name: "supervision_files");

            migrationBuilder.DropTable(
                name: "supervision_inspections");

            migrationBuilder.DropTable(
                name: "supervision_plans");

            migrationBuilder.DropIndex(
                name: "IX_cases_supervision_draw",
                table: "cases");
        }
    }
}
