from cop.members.models import Visibility


def test_the_directory_and_a_profile_render(client, make_member, login):
    member = make_member(display_name="Lucía Fernández", visibility=Visibility.PUBLIC)
    assert client.get("/members/").status_code == 200
    response = client.get(f"/members/{member.handle}")
    assert response.status_code == 200, response.get_data(as_text=True)
    login(member)
    for path in (
        "/members/settings/profile",
        "/members/settings/avatar",
        "/members/settings/preferences",
        "/members/settings/email",
        "/members/settings/data",
    ):
        response = client.get(path)
        assert response.status_code == 200, (path, response.get_data(as_text=True)[-2000:])
