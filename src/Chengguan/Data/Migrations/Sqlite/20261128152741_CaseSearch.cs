using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Chengguan.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CaseSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "case_search",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Text = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_search", x => x.Id);
                    table.ForeignKey(
                        name: "FK_case_search_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_case_search_CaseId",
                table: "case_search",
                column: "CaseId",
                unique: true);

            // The documents are tokenised in C# (SearchText): tokens are letters and digits separated
            // by spaces. FTS5's 'ascii' tokenizer splits only at ASCII non-alphanumerics and folds
            // only ASCII case, so it indexes exactly those tokens; external content keeps one copy
            // of the text, in case_search, kept in step by the triggers. The one-character prefix
            // index serves single-character queries (路 → 路*) without merging every 路x doclist.
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE case_fts USING fts5("Text", content='case_search', content_rowid='Id', tokenize='ascii', prefix='1');
                CREATE TRIGGER case_search_ai AFTER INSERT ON case_search BEGIN
                    INSERT INTO case_fts(rowid, "Text") VALUES (new."Id", new."Text");
                END;
                CREATE TRIGGER case_search_ad AFTER DELETE ON case_search BEGIN
                    INSERT INTO case_fts(case_fts, rowid, "Text") VALUES ('delete', old."Id", old."Text");
                END;
                CREATE TRIGGER case_search_au AFTER UPDATE OF "Text" ON case_search BEGIN
                    INSERT INTO case_fts(case_fts, rowid, "Text") VALUES ('delete', old."Id", old."Text");
                    INSERT INTO case_fts(rowid, "Text") VALUES (new."Id", new."Text");
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER case_search_au;
                DROP TRIGGER case_search_ad;
                DROP TRIGGER case_search_ai;
                DROP TABLE case_fts;
                """);

            migrationBuilder.DropTable(
                name: "case_search");
        }
    }
}
