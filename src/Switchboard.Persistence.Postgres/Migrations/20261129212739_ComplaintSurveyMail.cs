using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Switchboard.Persistence.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ComplaintSurveyMail : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "mailed",
                table: "survey_invitations",
                type: "bigint",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "mailed",
                table: "survey_invitations");
        }
    }
}
