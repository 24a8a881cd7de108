using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Chengguan.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class KpiRollupIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_clocks_State_StoppedAt",
                table: "clocks");

            migrationBuilder.CreateIndex(
                name: "IX_kpi_rollups_StreetId_Day",
                table: "kpi_rollups",
                columns: new[] { "StreetId", "Day" });

            migrationBuilder.CreateIndex(
                name: "IX_kpi_rollups_UnitId_Day",
                table: "kpi_rollups",
                columns: new[] { "UnitId", "Day" });

            migrationBuilder.CreateIndex(
                name: "IX_clocks_State_StoppedAt_DueAt",
                table: "clocks",
                columns: new[] { "State", "StoppedAt", "DueAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_kpi_rollups_StreetId_Day",
                table: "kpi_rollups");

            migrationBuilder.DropIndex(
                name: "IX_kpi_rollups_UnitId_Day",
                table: "kpi_rollups");

            migrationBuilder.DropIndex(
                name: "IX_clocks_State_StoppedAt_DueAt",
                table: "clocks");

            migrationBuilder.CreateIndex(
                name: "IX_clocks_State_StoppedAt",
                table: "clocks",
                columns: new[] { "State", "StoppedAt" });
        }
    }
}
