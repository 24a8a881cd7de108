using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Chengguan.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class KpiHandlerRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "kpi_handler_rollups",
                columns: table => new
                {
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ActorId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Metric = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Count = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kpi_handler_rollups", x => new { x.Day, x.ActorId, x.Metric });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "kpi_handler_rollups");
        }
    }
}
