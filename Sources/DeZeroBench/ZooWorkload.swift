import DeZero

/// The model zoo and image transforms: an ImageNet-style preprocessing pipeline per image
/// (bilinear resize of a 3×300×400 float32 image to 256, center crop 224, per-channel
/// normalize, horizontal flip, made contiguous), the time to build each model with random
/// weights, and one inference forward pass (no-grad, test mode) on a 1×3×224×224 batch.
/// Reports median / min / max seconds over 5 timed runs after one warm-up.
func runZoo() {
    var rng = RandomGenerator(seed: 0)
    let image = rng.uniform([3, 300, 400], high: 255, dtype: .float32)
    let pipeline = Compose([Resize(256), CenterCrop(224),
                            Normalize(mean: [123.7, 116.3, 103.5], std: [58.4, 57.1, 57.4]), Flip()])
    let perImage = measure { _ = pipeline(image).contiguous() }
    let resizeOnly = measure { _ = Resize(256)(image) }
    emit(["workload": "zoo-transforms", "seconds_per_image": Summary(perImage),
          "resize_seconds": Summary(resizeOnly), "image": [3, 300, 400]])

    let x = Variable(rng.uniform([1, 3, 224, 224], dtype: .float32))
    let models: [(String, () -> Model)] = [
        ("vgg16", { VGG16() }), ("resnet50", { ResNet50() }), ("squeezenet", { SqueezeNet() }),
    ]
    for (name, make) in models {
        let t0 = now()
        let model = withRandomSource(seed: 0) { make() }
        let build = now() - t0
        let forward = measure { withNoGrad { withTestMode { _ = model(x) } } }
        emit(["workload": "zoo-forward", "model": name, "build_seconds": build,
              "forward_seconds": Summary(forward), "parameters": model.params.reduce(0) { $0 + $1.data.count },
              "batch": [1, 3, 224, 224], "blas": SystemBLAS.libraryName ?? "builtin",
              "peak_rss_mb": peakRSSMegabytes()])
    }
}
