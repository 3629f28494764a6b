def test_home_page_answers(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "Community of Practice" in response.get_data(as_text=True)
