using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Switchboard.Persistence.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class SurveyScales : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "effort",
                table: "survey_answers",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "recommend",
                table: "survey_answers",
                type: "integer",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "effort",
                table: "survey_answers");

            migrationBuilder.DropColumn(
                name: "recommend",
                table: "survey_answers");
        }
    }
}
