# Keeps the inputs as ctx attributes and writes every product with einsum.
class LinearFunction(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, W, b):
        ctx.x, ctx.W = x, W
        return torch.einsum("nd,dm->nm", x, W) + b[None, :]

    @staticmethod
    def backward(ctx, grad_out):
        needs_x, needs_W, needs_b = ctx.needs_input_grad
        dx = torch.einsum("nm,dm->nd", grad_out, ctx.W) if needs_x else None
        dW = torch.einsum("nd,nm->dm", ctx.x, grad_out) if needs_W else None
        db = torch.einsum("nm->m", grad_out) if needs_b else None
        return dx, dW, db
