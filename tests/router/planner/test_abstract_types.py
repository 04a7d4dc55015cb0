"""Interfaces and unions across subgraphs, entity interfaces and @interfaceObject, type
conditions and fragments."""

from __future__ import annotations

from router.planner import TypenameRewrite
from tests.router.conftest import Stack
from tests.router.fixtures.outline import outline


async def test_interface_object_fields_fetched_with_interface_typename(
    abstract_stack: Stack,
) -> None:
    query = "{ media { id title rating ... on Book { pages author } } }"
    plan = abstract_stack.plan(query)
    assert outline(plan) == "Seq[media, Par[people@media.@, ratings@media.@]]"
    ratings = next(f for f in plan.fetches() if f.service == "ratings")
    assert ratings.input_rewrites == (TypenameRewrite("Media", "Media"),)
    assert await abstract_stack.query(query) == {
        "data": {
            "media": [
                {"id": "b1", "title": "Dune", "rating": 5, "pages": 412, "author": "Herbert"},
                {"id": "m1", "title": "Alien", "rating": 4},
                {"id": "b2", "title": "Emma", "rating": 3, "pages": 474, "author": "Austen"},
            ]
        }
    }
    (request,) = abstract_stack.subgraphs["ratings"].requests
    assert {r["__typename"] for r in request["variables"]["representations"]} == {"Media"}


async def test_concrete_type_of_interface_object_comes_from_the_interface_owner(
    abstract_stack: Stack,
) -> None:
    query = "{ topRated { __typename id rating title ... on Movie { director } } }"
    assert outline(abstract_stack.plan(query)) == "Seq[ratings, media@topRated.@]"
    assert await abstract_stack.query(query) == {
        "data": {
            "topRated": [
                {"__typename": "Book", "id": "b1", "rating": 5, "title": "Dune"},
                {
                    "__typename": "Movie",
                    "id": "m1",
                    "rating": 4,
                    "title": "Alien",
                    "director": "Scott",
                },
                {"__typename": "Book", "id": "b2", "rating": 3, "title": "Emma"},
            ]
        }
    }


async def test_interface_object_alone_needs_one_fetch(abstract_stack: Stack) -> None:
    query = "{ topRated { id rating } }"
    assert outline(abstract_stack.plan(query)) == "ratings"
    response = await abstract_stack.query(query)
    assert response["data"]["topRated"][0] == {"id": "b1", "rating": 5}


async def test_union_members_resolved_in_different_subgraphs(abstract_stack: Stack) -> None:
    query = """
      query Search { search(term: "a") { __typename ...PersonName ... on Media { title rating } } }
      fragment PersonName on Person { name }
    """
    assert (
        outline(abstract_stack.plan(query)) == "Seq[media, Par[people@search.@, ratings@search.@]]"
    )
    assert await abstract_stack.query(query) == {
        "data": {
            "search": [
                {"__typename": "Book", "title": "Dune", "rating": 5},
                {"__typename": "Person", "name": "Ridley"},
                {"__typename": "Movie", "title": "Alien", "rating": 4},
            ]
        }
    }


async def test_one_entity_request_per_type(abstract_stack: Stack) -> None:
    # people resolves both Person and Book here: one step, but never mixed types in a request.
    query = '{ search(term: "a") { ... on Person { name } ... on Book { pages } } }'
    assert outline(abstract_stack.plan(query)) == "Seq[media, people@search.@]"
    response = await abstract_stack.query(query)
    assert response == {"data": {"search": [{"pages": 412}, {"name": "Ridley"}, {}]}}
    requests = abstract_stack.subgraphs["people"].entity_requests()
    typenames = [{r["__typename"] for r in q["variables"]["representations"]} for q in requests]
    assert sorted(map(sorted, typenames)) == [["Book"], ["Person"]]


async def test_implementation_field_owned_by_another_subgraph(abstract_stack: Stack) -> None:
    query = "{ media { __typename ... on Book { rating pages } } }"
    assert outline(abstract_stack.plan(query)) == "Seq[media, Par[people@media.@, ratings@media.@]]"
    assert await abstract_stack.query(query) == {
        "data": {
            "media": [
                {"__typename": "Book", "rating": 5, "pages": 412},
                {"__typename": "Movie"},
                {"__typename": "Book", "rating": 3, "pages": 474},
            ]
        }
    }
