from django.urls import reverse


def test_scratch(client, gelsenkirchen, provider_a):
    client.force_login(provider_a)
    news = gelsenkirchen.district_news["schalke"]
    url = reverse("wagtailadmin_pages:add", args=("news", "articlepage", news.pk))
    response = client.get(url)
    assert response.status_code == 200
    from bs4 import BeautifulSoup
    soup = BeautifulSoup(response.content, "html.parser")
    form = soup.find("form", id="page-edit-form")
    for el in form.find_all(["input", "select", "textarea"]):
        print(el.name, el.get("type"), el.get("name"), repr(el.get("value"))[:60])
    print(gelsenkirchen.groups)
