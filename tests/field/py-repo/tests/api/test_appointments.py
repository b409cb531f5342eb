async def test_list_appointments_requires_clinic_header(client) -> None:
    res = await client.get("/api/v1/appointments")
    assert res.status_code == 422
