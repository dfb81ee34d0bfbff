import { ApiError } from "@/lib/errors";
import { errorResponse } from "@/lib/api/errors";

// Unknown /api/v1 paths answer in the API's error shape rather than with an HTML page.
const notFound = async (req: Request) => errorResponse(new ApiError("not_found", `No API route ${req.method} ${new URL(req.url).pathname}`));
export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
