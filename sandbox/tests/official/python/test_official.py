"""The official Python server library (PyPI smile-id-core, pinned in requirements.txt) against
the real sandbox binary over plain http.

Run: scripts/test-official, or `pytest` in this folder with the venv from requirements.txt
after `cargo build -p smileid-sandbox`.
"""

import base64
import uuid
from pathlib import Path

import pytest
from smile_id_core import IdApi, ServerError, WebApi

FACES = Path(__file__).resolve().parents[4] / "testdata" / "faces"
DOCUMENTS = FACES.parent / "documents"
ID_FRONT_FILE, ID_BACK_FILE = 1, 5

SELFIE_FILE, SELFIE_BASE64, LIVENESS_FILE, LIVENESS_BASE64 = 0, 2, 4, 6
# Ask for everything the library can ask for, so the sandbox's optional parts are exercised too.
OPTIONS = {"return_job_status": True, "return_history": True, "return_images": True, "use_enrolled_image": False}


def file_image(type_id, name):
    # The library zips file images (types 0, 1, 4, 5) under their base name.
    return {"image_type_id": type_id, "file_name": str(FACES / name)}


def base64_image(type_id, name):
    return {"image_type_id": type_id, "image": base64.b64encode((FACES / name).read_bytes()).decode()}


def liveness_names(selfie):
    # Two photos other than the selfie: the library zips files under their base name, so a
    # repeated file would give two zip entries with the same name.
    return [name for name in ("obama_1.jpg", "obama_2.jpg", "obama_3.jpg") if name != selfie][:2]


def file_images(selfie):
    return [file_image(SELFIE_FILE, selfie)] + [file_image(LIVENESS_FILE, name) for name in liveness_names(selfie)]


def partner_params(job_type, user_id):
    return {"user_id": user_id, "job_id": f"job-{uuid.uuid4()}", "job_type": job_type}


def web_api(sandbox, api_key=None):
    # sid_server other than 0/1 is used verbatim as the base URL (base.py), http included.
    return WebApi(sandbox["partner_id"], "", api_key or sandbox["api_key"], sandbox["base_url"])


def assert_completed(status, params, success):
    """Checks a job_status the library polled to completion and verified the signature of."""
    assert status["job_complete"] is True, status
    assert status["job_success"] is success, status.get("result")
    result = status["result"]
    assert isinstance(result, dict), status
    assert result["PartnerParams"]["job_id"] == params["job_id"]
    assert result["PartnerParams"]["user_id"] == params["user_id"]
    assert result["PartnerParams"]["job_type"] == params["job_type"]
    assert len(result["SmileJobID"]) == 10 and result["SmileJobID"].isdigit(), result
    return result


@pytest.fixture(scope="module")
def enrolment(sandbox):
    """One JT4 enrolment (selfie and liveness as files) shared by the JT4 and JT2 tests."""
    params = partner_params(4, f"py-user-{uuid.uuid4()}")
    status = web_api(sandbox).submit_job(params, file_images("obama_1.jpg"), {}, OPTIONS)
    return params, status


def test_jt4_enrolment_with_a_real_face_completes_and_passes(enrolment):
    params, status = enrolment
    result = assert_completed(status, params, success=True)
    assert result["ResultCode"] == "0840", result
    assert isinstance(status.get("history"), list), "return_history: True must give a history array"
    assert isinstance(status.get("image_links", {}).get("selfie_image"), str), "return_images: True must give image_links"


def test_jt2_authentication_of_the_enrolled_user_completes_and_passes(sandbox, enrolment):
    enrolled, enrol_status = enrolment
    assert enrol_status["job_success"] is True, "needs the JT4 enrolment to have passed"
    params = partner_params(2, enrolled["user_id"])
    status = web_api(sandbox).submit_job(params, file_images("obama_2.jpg"), {}, OPTIONS)
    result = assert_completed(status, params, success=True)
    assert result["ResultCode"] == "0820", result


def test_jt1_biometric_kyc_with_the_ng_bvn_test_number_completes_and_verifies_the_id(sandbox):
    # Base64 images this time (types 2 and 6): the library puts them in info.json and adds a
    # junk zip entry "base64imgString" that the sandbox must ignore.
    params = partner_params(1, f"py-kyc-{uuid.uuid4()}")
    images = [base64_image(SELFIE_BASE64, "obama_1.jpg")]
    images += [base64_image(LIVENESS_BASE64, name) for name in liveness_names("obama_1.jpg")]
    id_info = {"country": "NG", "id_type": "BVN", "id_number": "00000000000", "entered": True}
    status = web_api(sandbox).submit_job(params, images, id_info, OPTIONS)
    result = assert_completed(status, params, success=True)
    assert result["ResultCode"] == "0810", result
    assert result["Actions"]["Verify_ID_Number"] == "Verified", result
    assert (result["Country"], result["IDType"]) == ("NG", "BVN"), result


@pytest.mark.parametrize("job_type, verify_document", [(6, "Not Applicable"), (11, "Verified")])
def test_document_verification_with_the_specimen_card_completes_and_reads_it(sandbox, job_type, verify_document):
    # Selfie, the specimen card's front and back, all as files (the library zips types 0, 1, 4, 5).
    params = partner_params(job_type, f"py-doc-{uuid.uuid4()}")
    images = [
        file_image(SELFIE_FILE, "grace_hopper.jpg"),
        {"image_type_id": ID_FRONT_FILE, "file_name": str(DOCUMENTS / "specimen_front_photo.jpg")},
        {"image_type_id": ID_BACK_FILE, "file_name": str(DOCUMENTS / "specimen_back.jpg")},
    ]
    id_info = {"country": "GH", "id_type": "NATIONAL_ID"}
    status = web_api(sandbox).submit_job(params, images, id_info, OPTIONS)
    result = assert_completed(status, params, success=True)
    assert result["ResultCode"] == "0810", result
    assert result["ResultType"] == "Document Verification", result
    assert result["Actions"]["Document_Check"] == "Passed", result
    assert result["Actions"]["Verify_Document"] == verify_document, result
    assert (result["Country"], result["IDType"]) == ("GH", "NATIONAL_ID"), result
    assert "SandboxWarnings" not in result, "both document files were in the zip"


def test_jt4_with_a_photo_without_a_face_completes_as_a_failed_job(sandbox):
    params = partner_params(4, f"py-noface-{uuid.uuid4()}")
    status = web_api(sandbox).submit_job(params, file_images("no_face_coffee.jpg"), {}, OPTIONS)
    result = assert_completed(status, params, success=False)
    assert result["ResultCode"] == "0941", result


def test_a_wrong_api_key_is_refused_at_prep_upload_with_2205(sandbox):
    params = partner_params(4, f"py-badkey-{uuid.uuid4()}")
    with pytest.raises(ServerError) as refused:
        web_api(sandbox, api_key="not-the-sandbox-key").submit_job(params, file_images("obama_1.jpg"), {}, OPTIONS)
    # WebApi.submit_job: "Failed to post entity to {url}/upload, status=..., response={...}"
    assert "/upload" in refused.value.message, refused.value.message
    assert "'code': '2205'" in refused.value.message, refused.value.message


def kyc_params():
    return partner_params(5, f"py-ekyc-{uuid.uuid4()}")


def bvn(id_number):
    # `entered` makes the library check country and id_number before sending.
    return {"country": "NG", "id_type": "BVN", "id_number": id_number, "entered": True,
            "first_name": "Ada", "phone_number": "+2340000000000"}


def test_jt5_enhanced_kyc_with_id_api_returns_the_id_authoritys_answer(sandbox):
    api = IdApi(sandbox["partner_id"], sandbox["api_key"], sandbox["base_url"])
    params = kyc_params()
    result = api.submit_job(params, bvn("00000000000"))
    assert result["ResultCode"] == "1012", result
    assert result["Actions"]["Verify_ID_Number"] == "Verified", result
    assert result["FullName"] == "Joe Leo Doe", result
    assert result["PartnerParams"]["job_id"] == params["job_id"], result
    assert result["PartnerParams"]["job_type"] == 5, result
    not_found = api.submit_job(kyc_params(), bvn("00000000001"))
    assert not_found["ResultCode"] == "1013", not_found


def test_jt5_enhanced_kyc_through_web_api_submit_job(sandbox):
    params = kyc_params()
    result = web_api(sandbox).submit_job(params, [], bvn("00000000003"), OPTIONS)
    assert result["ResultCode"] == "1015", result
    assert result["PartnerParams"]["job_id"] == params["job_id"], result


def test_jt5_with_a_wrong_api_key_is_refused_with_2205(sandbox):
    api = IdApi(sandbox["partner_id"], "not-the-sandbox-key", sandbox["base_url"])
    with pytest.raises(ServerError) as refused:
        api.submit_job(kyc_params(), bvn("00000000000"))
    assert "/id_verification" in refused.value.message, refused.value.message
    assert "'code': '2205'" in refused.value.message, refused.value.message
