using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Chengguan.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FiveViolationsRivers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "remediation_areas",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Outline = table.Column<byte[]>(type: "BLOB", nullable: false),
                    AreaM2 = table.Column<double>(type: "REAL", nullable: false),
                    PeriodStart = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PeriodEnd = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    CompletedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_remediation_areas", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "rivers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Level = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Line = table.Column<byte[]>(type: "BLOB", nullable: false),
                    LengthM = table.Column<double>(type: "REAL", nullable: false),
                    ChiefName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    ChiefPhone = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    TargetYear = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rivers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "remediation_area_problems",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AreaId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Seq = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    MustRemoveHazard = table.Column<bool>(type: "INTEGER", nullable: false),
                    MustDemolish = table.Column<bool>(type: "INTEGER", nullable: false),
                    MustCleanUp = table.Column<bool>(type: "INTEGER", nullable: false),
                    MustBan = table.Column<bool>(type: "INTEGER", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RectifiedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReopenedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReopenCount = table.Column<int>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_remediation_area_problems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_remediation_area_problems_remediation_areas_AreaId",
                        column: x => x.AreaId,
                        principalTable: "remediation_areas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "remediation_area_streets",
                columns: table => new
                {
                    AreaId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StreetId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_remediation_area_streets", x => new { x.AreaId, x.StreetId });
                    table.ForeignKey(
                        name: "FK_remediation_area_streets_remediation_areas_AreaId",
                        column: x => x.AreaId,
                        principalTable: "remediation_areas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_remediation_area_streets_units_StreetId",
                        column: x => x.StreetId,
                        principalTable: "units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "river_items",
                columns: table => new
                {
                    RiverId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ItemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DistanceM = table.Column<double>(type: "REAL", nullable: false),
                    AttachedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AttachedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_river_items", x => new { x.RiverId, x.ItemId });
                    table.ForeignKey(
                        name: "FK_river_items_demolition_items_ItemId",
                        column: x => x.ItemId,
                        principalTable: "demolition_items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_river_items_rivers_RiverId",
                        column: x => x.RiverId,
                        principalTable: "rivers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "river_reaches",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RiverId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    StreetId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Line = table.Column<byte[]>(type: "BLOB", nullable: false),
                    LengthM = table.Column<double>(type: "REAL", nullable: false),
                    ChiefName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    ChiefPhone = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_river_reaches", x => x.Id);
                    table.ForeignKey(
                        name: "FK_river_reaches_rivers_RiverId",
                        column: x => x.RiverId,
                        principalTable: "rivers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_river_reaches_units_StreetId",
                        column: x => x.StreetId,
                        principalTable: "units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "remediation_area_problem_links",
                columns: table => new
                {
                    ProblemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    SubjectId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_remediation_area_problem_links", x => new { x.ProblemId, x.Kind, x.SubjectId });
                    table.ForeignKey(
                        name: "FK_remediation_area_problem_links_remediation_area_problems_ProblemId",
                        column: x => x.ProblemId,
                        principalTable: "remediation_area_problems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_remediation_area_problem_links_Kind_SubjectId",
                table: "remediation_area_problem_links",
                columns: new[] { "Kind", "SubjectId" });

            migrationBuilder.CreateIndex(
                name: "IX_remediation_area_problems_AreaId_Seq",
                table: "remediation_area_problems",
                columns: new[] { "AreaId", "Seq" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_remediation_area_streets_StreetId",
                table: "remediation_area_streets",
                column: "StreetId");

            migrationBuilder.CreateIndex(
                name: "IX_remediation_areas_Name",
                table: "remediation_areas",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_river_items_ItemId",
                table: "river_items",
                column: "ItemId");

            migrationBuilder.CreateIndex(
                name: "IX_river_reaches_RiverId_Name",
                table: "river_reaches",
                columns: new[] { "RiverId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_river_reaches_StreetId",
                table: "river_reaches",
                column: "StreetId");

            migrationBuilder.CreateIndex(
                name: "IX_rivers_Code",
                table: "rivers",
                column: "Code",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "remediation_area_problem_links");

            migrationBuilder.DropTable(
                name: "remediation_area_streets");

            migrationBuilder.DropTable(
                name: "river_items");

            migrationBuilder.DropTable(
                name: "river_reaches");

            migrationBuilder.DropTable(
                name: "remediation_area_problems");

            migrationBuilder.DropTable(
                name: "rivers");

            migrationBuilder.DropTable(
                name: "remediation_areas");
        }
    }
}
